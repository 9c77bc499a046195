package dev.pergola.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;
import org.junit.runners.Suite.SuiteClasses;

/**
 * Read-mostly integration tests that share one Karaf boot (each member uses {@code PerSuite} and the plain
 * {@link PergolaExam#distribution()} configuration). Members create their own users, roles and keys with unique
 * names, so they do not see each other's data. Run one member alone with {@code -Dit.test=AuthIT}.
 * The failsafe configuration excludes the members from the normal run so they do not boot twice.
 */
@RunWith(Suite.class)
@SuiteClasses({ AuthIT.class, GrantorIT.class, PlatformIT.class, AdminApiIT.class })
public class ReadMostlySuiteIT {
}
