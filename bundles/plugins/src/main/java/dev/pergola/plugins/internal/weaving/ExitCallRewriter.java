package dev.pergola.plugins.internal.weaving;

import java.nio.charset.StandardCharsets;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the calls that end the JVM — {@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}, called
 * directly, through a method reference or a method-handle constant — into calls of a private static method added to
 * the same class that throws a {@link SecurityException} naming the plugin. Each replacement takes the same operands
 * as the call it replaces, so the surrounding code, its stack sizes and its stack-map frames stay valid; the method
 * lives in the class itself, so the plugin needs no new import. Pure bytes in, bytes out (unit-tested without OSGi).
 */
public final class ExitCallRewriter {
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";

    /** One call we refuse, and the method that replaces it. */
    private enum Refused {
        SYSTEM_EXIT(Opcodes.H_INVOKESTATIC, SYSTEM, "exit", "(I)V", "System.exit"),
        RUNTIME_EXIT(Opcodes.H_INVOKEVIRTUAL, RUNTIME, "exit", "(I)V", "Runtime.exit"),
        RUNTIME_HALT(Opcodes.H_INVOKEVIRTUAL, RUNTIME, "halt", "(I)V", "Runtime.halt");

        final int handleKind;
        final String owner;
        final String name;
        final String descriptor;
        final String shown;

        Refused(int handleKind, String owner, String name, String descriptor, String shown) {
            this.handleKind = handleKind;
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.shown = shown;
        }

        String replacementName() {
            return "pergola$refuse" + name();
        }

        /** The static replacement takes the receiver, if any, as its first argument. */
        String replacementDescriptor() {
            return handleKind == Opcodes.H_INVOKESTATIC ? descriptor : "(L" + RUNTIME + ";I)V";
        }

        static Refused of(String owner, String name, String descriptor) {
            for (Refused r : values()) {
                if (r.owner.equals(owner) && r.name.equals(name) && r.descriptor.equals(descriptor)) {
                    return r;
                }
            }
            return null;
        }
    }

    private ExitCallRewriter() {
    }

    /**
     * @param plugin the plugin's slug, for the message
     * @return the rewritten class, or null when it calls none of these methods
     */
    public static byte[] rewrite(byte[] classFile, String plugin) {
        if (!mentions(classFile, "exit") && !mentions(classFile, "halt")) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        Rewriting rewriting = new Rewriting(writer, plugin);
        reader.accept(rewriting, 0);
        return rewriting.used == 0 ? null : writer.toByteArray();
    }

    /** The message a refused call throws with. */
    public static String message(String plugin, String call) {
        return "The plugin '" + plugin + "' called " + call + ": plugins cannot end the platform's JVM";
    }

    /** A cheap test before parsing: the method names sit in the constant pool as plain UTF-8. */
    private static boolean mentions(byte[] bytes, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static final class Rewriting extends ClassVisitor {
        private final String plugin;
        private String className;
        private boolean isInterface;
        private boolean canRewrite;
        private int version;
        /** Bit set of the {@link Refused} calls met, whose replacements visitEnd adds. */
        int used;

        Rewriting(ClassVisitor next, String plugin) {
            super(Opcodes.ASM9, next);
            this.plugin = plugin;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            // interfaces may hold static methods from Java 8 on; older ones cannot call anything this way anyway
            this.version = version & 0xFFFF;
            canRewrite = !isInterface || this.version >= Opcodes.V1_8;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return canRewrite ? new Calls(next) : next;
        }

        @Override
        public void visitEnd() {
            for (Refused r : Refused.values()) {
                if ((used & (1 << r.ordinal())) != 0) {
                    addReplacement(r);
                }
            }
            super.visitEnd();
        }

        private void addReplacement(Refused r) {
            // private interface methods need Java 9 class files; a public synthetic one does on Java 8
            int visibility = isInterface && version < Opcodes.V9 ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE;
            MethodVisitor m = super.visitMethod(visibility | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    r.replacementName(), r.replacementDescriptor(), null, null);
            m.visitCode();
            m.visitTypeInsn(Opcodes.NEW, "java/lang/SecurityException");
            m.visitInsn(Opcodes.DUP);
            m.visitLdcInsn(message(plugin, r.shown));
            m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/SecurityException", "<init>", "(Ljava/lang/String;)V", false);
            m.visitInsn(Opcodes.ATHROW);
            m.visitMaxs(3, r.handleKind == Opcodes.H_INVOKESTATIC ? 1 : 2);
            m.visitEnd();
        }

        private Refused use(String owner, String name, String descriptor) {
            Refused r = Refused.of(owner, name, descriptor);
            if (r != null) {
                used |= 1 << r.ordinal();
            }
            return r;
        }

        /** {@code System::exit} and the like: a method handle to the refused method becomes one to its replacement. */
        private Object replaceHandle(Object constant) {
            if (constant instanceof Handle h) {
                Refused r = Refused.of(h.getOwner(), h.getName(), h.getDesc());
                if (r != null && r.handleKind == h.getTag()) {
                    use(h.getOwner(), h.getName(), h.getDesc());
                    return new Handle(Opcodes.H_INVOKESTATIC, className, r.replacementName(), r.replacementDescriptor(),
                            isInterface);
                }
            }
            return constant;
        }

        private final class Calls extends MethodVisitor {
            Calls(MethodVisitor next) {
                super(Opcodes.ASM9, next);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
                boolean matches = (opcode == Opcodes.INVOKESTATIC && SYSTEM.equals(owner))
                        || (opcode == Opcodes.INVOKEVIRTUAL && RUNTIME.equals(owner));
                Refused r = matches ? use(owner, name, descriptor) : null;
                if (r == null) {
                    super.visitMethodInsn(opcode, owner, name, descriptor, itf);
                } else {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, className, r.replacementName(), r.replacementDescriptor(),
                            isInterface);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                Object[] replaced = arguments.clone();
                for (int i = 0; i < replaced.length; i++) {
                    replaced[i] = replaceHandle(replaced[i]);
                }
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, replaced);
            }

            @Override
            public void visitLdcInsn(Object value) {
                super.visitLdcInsn(replaceHandle(value));
            }
        }
    }
}
