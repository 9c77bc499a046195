package dev.pergola.identity.internal.audit;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class CommandLineTest {
    @Test
    public void aPasswordOptionKeepsItsNameNotItsValue() {
        CommandLine line = CommandLine.parse("user:add bob bob@example.test --password S3cret-Value -r admin");
        assertEquals("user:add", line.command());
        assertEquals(List.of("bob", "bob@example.test", "--password", "****", "-r", "admin"), line.arguments());
    }

    @Test
    public void anOptionWithEqualsIsMaskedAfterTheSign() {
        assertEquals(List.of("--token=****", "x"), CommandLine.parse("foo:bar --token=abc x").arguments());
    }

    @Test
    public void theValueAfterASecretNamedWordIsMasked() {
        assertEquals(List.of("my.pid", "db.password", "****"),
                CommandLine.parse("config:property-set my.pid db.password hunter2").arguments());
        assertEquals(List.of("api.key", "****"), CommandLine.parse("config:property-set api.key k-123").arguments());
    }

    @Test
    public void everyArgumentOfASecretCommandIsMasked() {
        assertEquals(List.of("****", "****"), CommandLine.parse("jaas:user-add alice 'pass word'").arguments());
        assertEquals(List.of("****"), CommandLine.parse("user:password alice").arguments());
    }

    @Test
    public void ordinaryCommandsKeepTheirArguments() {
        assertEquals(List.of("-t", "0"), CommandLine.parse("bundle:list -t 0").arguments());
        assertEquals(List.of("ci-deploy", "--scope", "admin.users.view"),
                CommandLine.parse("apikey:list ci-deploy --scope admin.users.view").arguments());
        assertEquals(List.of(), CommandLine.parse("bundle:list").arguments());
    }

    @Test
    public void quotesGroupWords() {
        assertEquals(List.of("a b", "c"), CommandLine.tokens("x \"a b\" c").subList(1, 3));
    }
}
