package dev.pergola.persistence.internal.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PoolCountsTest {
    public static class ObjectPool {
        public int getNumActive() {
            return 2;
        }

        public int getNumIdle() {
            return 3;
        }

        public int getMaxTotal() {
            return 10;
        }
    }

    /** Shaped like DBCP2's PoolingDataSource: the pool behind a protected getter of a superclass. */
    static class PoolingDataSource {
        protected ObjectPool getPool() {
            return new ObjectPool();
        }
    }

    static class CloseablePoolingDataSource extends PoolingDataSource {
    }

    @Test
    public void readsThePoolBehindItsProtectedGetter() {
        PoolCounts counts = PoolCounts.of(new CloseablePoolingDataSource());
        assertEquals(new PoolCounts(2, 3, 10), counts);
    }

    @Test
    public void anyOtherDataSourceReadsAsNoValue() {
        assertTrue(Double.isNaN(PoolCounts.of(new Object()).active()));
    }
}
