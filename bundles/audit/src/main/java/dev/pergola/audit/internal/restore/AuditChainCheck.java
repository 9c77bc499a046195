package dev.pergola.audit.internal.restore;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;

import dev.pergola.api.backup.RestoreCheck;
import dev.pergola.audit.internal.ChainVerifier;

/** {@code audit-chain}: the restored audit trail's hash chain holds, from its newest anchor to its last record. */
@Component
public class AuditChainCheck implements RestoreCheck {
    static final String NAME = "audit-chain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(DataSource restored) {
        try {
            ChainVerifier.Result r = new ChainVerifier(restored).verify();
            return r.valid()
                    ? new Result(NAME, true, r.checked() + " sealed audit record(s) verified")
                    : new Result(NAME, false, "the chain breaks at position " + r.firstBroken() + " (after "
                            + r.checked() + " record(s) checked)");
        } catch (SQLException | RuntimeException e) {
            return new Result(NAME, false, "cannot read the audit trail: " + e.getMessage());
        }
    }
}
