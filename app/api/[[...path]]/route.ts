import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";

/** Any /api path no route serves: a typed 404 (not the HTML not-found page). */
function notFound(): Response {
  return errorResponse(new AppError({ code: "NotFound", message: "No such API path" }));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
