package dev.pergola.mail.internal.delivery;

/** A bell: {@link #wake} makes the next or current {@link #await} return at once. */
final class Wakeup {
    private boolean rung;

    synchronized void wake() {
        rung = true;
        notifyAll();
    }

    synchronized void await(long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        long left = ms;
        while (!rung && left > 0) {
            wait(left);
            left = end - System.currentTimeMillis();
        }
        rung = false;
    }
}
