package dev.pergola.webhooks.internal.delivery;

/** A target the address guard will not connect to; the message says why (it goes to the delivery's last error). */
public class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
        super(message);
    }
}
