package dev.pergola.mail.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.persistence.Database;
import dev.pergola.mail.internal.MailDatabase;
import dev.pergola.mail.internal.OutboxMailer;
import dev.pergola.mail.internal.TestBox;
import dev.pergola.mail.internal.store.Outbox;
import dev.pergola.testkit.TableAuditTrail;

/** The sender thread on H2 against GreenMail: it drains the queue, and holds still during a restore. */
public class MailSenderTest {
    private GreenMail smtp;
    private MailSender sender;
    private OutboxMailer mailer;
    private MailDatabase db;

    @Before
    public void setUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        db = new MailDatabase("h2", null);
        TestBox box = new TestBox();
        mailer = new OutboxMailer(db.dataSource, null, box, null);
        sender = new MailSender(new Outbox(db.dataSource, false), box, new TableAuditTrail(), h2(),
                config(Map.of("host", "127.0.0.1", "port", port, "tls", "none", "from", "noreply@pergola.test",
                        "poll_interval_ms", 100L)));
    }

    @After
    public void tearDown() throws Exception {
        sender.stop();
        smtp.stop();
    }

    @Test
    public void aRestoreHoldsDeliveryUntilItIsOver() throws Exception {
        mailer.send(MailMessage.text("one@example.test", "One", "Text", "test"));
        assertTrue("delivered", smtp.waitForIncomingEmail(10_000, 1));
        sender.beforeRestore();
        assertTrue(sender.paused());
        String held = mailer.send(MailMessage.text("two@example.test", "Two", "Text", "test"));
        Thread.sleep(1000);
        assertEquals("nothing leaves during a restore", 1, smtp.getReceivedMessages().length);
        assertEquals("pending", db.status(held));
        sender.afterRestore();
        assertTrue("delivered after the restore", smtp.waitForIncomingEmail(10_000, 2));
    }

    private static Database h2() {
        return new Database() {
            @Override
            public String type() {
                return "h2";
            }

            @Override
            public String url() {
                return "jdbc:h2:mem:test";
            }

            @Override
            public String product() {
                return "H2";
            }
        };
    }

    /** The annotation's defaults, with {@code overrides} by method name. */
    static MailConfig config(Map<String, Object> overrides) {
        return (MailConfig) Proxy.newProxyInstance(MailConfig.class.getClassLoader(), new Class<?>[] {MailConfig.class},
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }
}
