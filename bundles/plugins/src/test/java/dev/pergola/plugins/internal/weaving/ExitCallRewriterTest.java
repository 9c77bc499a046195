package dev.pergola.plugins.internal.weaving;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.function.IntConsumer;

import org.junit.Test;

/**
 * Loads rewritten copies of small classes in a throw-away class loader and runs them: calls that would end the test
 * JVM must throw instead (if the rewriting failed, the test run itself would end).
 */
public class ExitCallRewriterTest {
    /** Stands for a plugin class: every way it has of ending the JVM. */
    public static class Quitter {
        public static String direct() {
            System.exit(3);
            return "still here";
        }

        public static void runtimeExit() {
            Runtime.getRuntime().exit(4);
        }

        public static void halt() {
            Runtime.getRuntime().halt(5);
        }

        public static void methodReference() {
            IntConsumer exit = System::exit;
            exit.accept(6);
        }

        public static void lambda() {
            Runnable r = () -> Runtime.getRuntime().halt(7);
            r.run();
        }

        public static void boundReference() {
            IntConsumer exit = Runtime.getRuntime()::exit;
            exit.accept(8);
        }

        public static int harmless(int x) {
            return x < 0 ? -x : x + 1;
        }
    }

    /** Calls none of them: left alone. */
    public static class Harmless {
        public static String exitMessage() {
            return "exit and halt are only words here";
        }
    }

    @Test
    public void everyWayOfEndingTheJvmThrowsInstead() throws Exception {
        Class<?> quitter = rewritten(Quitter.class);
        for (String method : new String[] {"direct", "runtimeExit", "halt", "methodReference", "lambda", "boundReference"}) {
            try {
                quitter.getMethod(method).invoke(null);
                fail(method + " returned");
            } catch (InvocationTargetException e) {
                assertTrue(method + ": " + e.getCause(), e.getCause() instanceof SecurityException);
                assertTrue(e.getCause().getMessage(), e.getCause().getMessage().startsWith("The plugin 'quitter' called "));
            }
        }
        assertEquals(3, quitter.getMethod("harmless", int.class).invoke(null, 2));
    }

    @Test
    public void theMessageNamesTheCall() throws Exception {
        Class<?> quitter = rewritten(Quitter.class);
        assertEquals("The plugin 'quitter' called System.exit: plugins cannot end the platform's JVM",
                cause(quitter, "direct").getMessage());
        assertTrue(cause(quitter, "halt").getMessage().contains("Runtime.halt"));
        assertTrue(cause(quitter, "runtimeExit").getMessage().contains("Runtime.exit"));
    }

    @Test
    public void classesThatDoNotEndTheJvmAreLeftAsTheyAre() throws IOException {
        assertNull(ExitCallRewriter.rewrite(bytes(Harmless.class), "quitter"));
        assertNotNull(ExitCallRewriter.rewrite(bytes(Quitter.class), "quitter"));
    }

    private static Throwable cause(Class<?> c, String method) throws Exception {
        try {
            c.getMethod(method).invoke(null);
            throw new AssertionError(method + " returned");
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static Class<?> rewritten(Class<?> original) throws IOException {
        byte[] woven = ExitCallRewriter.rewrite(bytes(original), "quitter");
        assertNotNull(woven);
        return new ClassLoader(ExitCallRewriterTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(original.getName(), woven, 0, woven.length);
            }
        }.define();
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
