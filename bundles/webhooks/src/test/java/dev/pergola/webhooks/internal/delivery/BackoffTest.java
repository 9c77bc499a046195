package dev.pergola.webhooks.internal.delivery;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Test;

public class BackoffTest {
    @Test
    public void growsByTheFactorUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(10), 3, Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(10), b.delay(1));
        assertEquals(Duration.ofSeconds(30), b.delay(2));
        assertEquals(Duration.ofSeconds(90), b.delay(3));
        assertEquals(Duration.ofSeconds(270), b.delay(4));
        assertEquals(Duration.ofMinutes(5), b.delay(5));
        assertEquals(Duration.ofMinutes(5), b.delay(60));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aFactorBelowOneIsRefused() {
        new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(10));
    }
}
