import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { env } from "@/lib/env";
import { withRequestOrigin } from "@/lib/request-origin";

const trustHost = env.AUTH_TRUST_HOST && !env.AUTH_URL;

export const GET = (request: NextRequest) => handlers.GET(withRequestOrigin(request, { trustHost }));
export const POST = (request: NextRequest) => handlers.POST(withRequestOrigin(request, { trustHost }));
