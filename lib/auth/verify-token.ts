import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { clientFor } from "@/lib/k8s/identity/client-for";
import { isKubeHttpError } from "@/lib/k8s/identity/kube-http";

export interface VerifiedUser {
  user: string;
  groups: string[];
}

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

/**
 * Checks a bearer token against the API server with a SelfSubjectReview sent
 * with that token: 201 → who it is; 401 → refused. The token is neither
 * logged nor put in the error.
 */
export async function verifyToken(token: string): Promise<VerifiedUser> {
  try {
    const review = await clientFor({ kind: "token", token }).http.json<SelfSubjectReview>({
      method: "POST",
      path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
      timeoutMs: 10_000,
    });
    const user = review.status?.userInfo?.username;
    if (!user) throw new AppError({ code: "Forbidden", message: "The API server did not name the token's user" });
    return { user, groups: review.status?.userInfo?.groups ?? [] };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isKubeHttpError(error) && (error.code === 401 || error.code === 403)) {
      throw new AppError({ code: "Forbidden", message: "The API server did not accept this token" });
    }
    throw new AppError({ code: "Unavailable", message: "Cannot reach the Kubernetes API server to check the token" }, { cause: error });
  }
}
