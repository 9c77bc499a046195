package dev.pergola.tasks.internal.engine;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;

/**
 * A {@link Job} service the engine has seen but not yet asked for: the service object is got at its first run, on a
 * worker thread, and kept until the service goes. Getting it at bind time would activate the job's component (and
 * everything it references) inside the engine's own activation — a job that references a health check that
 * references the tasks service closes a cycle there, and DS then fails one of the components for good.
 */
final class LazyJob implements Job {
    private final BundleContext context;
    private final ServiceReference<Job> reference;
    private Job service;

    LazyJob(BundleContext context, ServiceReference<Job> reference) {
        this.context = context;
        this.reference = reference;
    }

    @Override
    public void run(JobContext run) throws Exception {
        service().run(run);
    }

    private synchronized Job service() {
        if (service == null) {
            service = context.getService(reference);
            if (service == null) {
                throw new IllegalStateException("the job's service is no longer available");
            }
        }
        return service;
    }

    /** Lets the service go (the job was unregistered). */
    synchronized void release() {
        if (service != null) {
            service = null;
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // the engine's bundle is stopping: the framework releases everything itself
            }
        }
    }
}
