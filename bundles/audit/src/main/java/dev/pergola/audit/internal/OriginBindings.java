package dev.pergola.audit.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;

/**
 * The origins bound on each thread, innermost first. Per trail instance (no static state): a restarted bundle starts
 * clean. A thread's stack is dropped when its last binding closes, so pooled threads keep nothing.
 */
final class OriginBindings {
    private final ThreadLocal<Deque<Bound>> stacks = new ThreadLocal<>();

    AuditTrail.Binding bind(AuditOrigin origin) {
        if (origin == null) {
            throw new IllegalArgumentException("bind an origin, not null");
        }
        Deque<Bound> stack = stacks.get();
        if (stack == null) {
            stack = new ArrayDeque<>();
            stacks.set(stack);
        }
        Bound bound = new Bound(origin, stack);
        stack.push(bound);
        return bound;
    }

    /** The innermost origin on this thread, else {@link AuditOrigin#SYSTEM}. */
    AuditOrigin current() {
        Deque<Bound> stack = stacks.get();
        return stack == null || stack.isEmpty() ? AuditOrigin.SYSTEM : stack.peek().origin;
    }

    /** Whether an origin is bound to this thread. */
    boolean bound() {
        Deque<Bound> stack = stacks.get();
        return stack != null && !stack.isEmpty();
    }

    /** Counts one record made on this thread against its innermost binding. */
    void counted() {
        Deque<Bound> stack = stacks.get();
        if (stack != null && !stack.isEmpty()) {
            stack.peek().recorded++;
        }
    }

    private final class Bound implements AuditTrail.Binding {
        private final AuditOrigin origin;
        private final Deque<Bound> stack;
        private int recorded;
        private boolean closed;

        Bound(AuditOrigin origin, Deque<Bound> stack) {
            this.origin = origin;
            this.stack = stack;
        }

        @Override
        public int recorded() {
            return recorded;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            stack.removeFirstOccurrence(this); // closed out of order: the others stay as they were
            if (stack.isEmpty() && stacks.get() == stack) {
                stacks.remove();
            }
        }
    }
}
