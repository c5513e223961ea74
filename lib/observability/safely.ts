/** Runs a metric, log or span update; a failure there is reported, never thrown into the work observed. */
export function safely(record: () => void): void {
  try {
    record();
  } catch (error) {
    console.error('[observe] could not record', error);
  }
}
