package dev.pergola.persistence.internal.metrics;

import java.lang.reflect.Method;

/**
 * The shared pool's counters. pax-jdbc hands out DBCP2's {@code PoolingDataSource}, whose object pool is reachable
 * only through its protected {@code getPool()}; reflection keeps DBCP2 out of this bundle's imports (and its JMX
 * beans are not registered inside Karaf). NaN when the pool is not of that kind.
 */
public record PoolCounts(double active, double idle, double max) {
    private static final PoolCounts UNKNOWN = new PoolCounts(Double.NaN, Double.NaN, Double.NaN);

    public static PoolCounts of(Object dataSource) {
        Object pool = objectPool(dataSource);
        if (pool == null) {
            return UNKNOWN;
        }
        return new PoolCounts(number(pool, "getNumActive"), number(pool, "getNumIdle"), number(pool, "getMaxTotal"));
    }

    private static Object objectPool(Object dataSource) {
        for (Class<?> type = dataSource.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Method getPool = type.getDeclaredMethod("getPool");
                getPool.setAccessible(true);
                return getPool.invoke(dataSource);
            } catch (NoSuchMethodException e) {
                // not declared here: look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static double number(Object pool, String getter) {
        try {
            return pool.getClass().getMethod(getter).invoke(pool) instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
