package dev.pergola.webhooks.internal.store;

/**
 * A doorbell between whoever adds work (the dispatcher, a test ping, an event) and the thread that does it: a ring
 * is never lost, even when nobody is waiting at that moment.
 */
public final class Wakeup {
    private boolean rung;

    public synchronized void wake() {
        rung = true;
        notifyAll();
    }

    /** Waits until rung or {@code millis} have passed, and clears the ring. */
    public synchronized void await(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!rung) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        rung = false;
    }
}
