/**
 * Next.js runs register() once when the server process starts (next start,
 * the standalone server.js of the image, next dev).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installEarlyGuard } = await import("@/lib/security/early-guard");
  installEarlyGuard();
}
