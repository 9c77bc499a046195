package dev.pergola.audit.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.audit.internal.query.AuditRecords;
import dev.pergola.audit.internal.query.VerifyReport;

/** {@code audit:verify}: checks the hash chain; a broken chain fails the command, naming the first bad position. */
@Service
@Command(scope = "audit", name = "verify", description = "Verifies the audit trail's hash chain")
public class AuditVerifyCommand implements Action {
    @Reference
    AuditRecords records;

    @Override
    public Object execute() {
        long started = System.nanoTime();
        VerifyReport report = records.verify();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!report.valid()) {
            throw new IllegalStateException("The audit trail is broken at record " + report.firstBroken()
                    + " (edited, deleted or out of place); " + report.checked() + " record(s) checked before it");
        }
        System.out.println("The audit trail is intact: " + report.checked() + " record(s) checked in " + millis + " ms");
        return null;
    }
}
