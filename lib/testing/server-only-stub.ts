// Vitest runs server modules outside Next.js, where the "server-only" guard
// would throw; this empty module stands in for it in tests only.
export {};
