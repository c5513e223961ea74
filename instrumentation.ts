export async function register() {
  // NEXT_RUNTIME is set by Next itself, not configuration: the edge runtime has no filesystem or database
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startTracingWhenConfigured } = await import('@/lib/observability/trace');
    await startTracingWhenConfigured();
    const { startServer } = await import('@/lib/startup');
    await startServer();
  }
}
