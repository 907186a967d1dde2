import { type HttpRequest, type HttpResponse, type HttpTransport } from "../http";

export interface FakeReply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** Records every request and answers from `reply`; adapter unit tests run without sockets. */
export function fakeTransport(reply: (request: HttpRequest, index: number) => FakeReply): {
  transport: HttpTransport;
  requests: HttpRequest[];
} {
  const requests: HttpRequest[] = [];
  const transport: HttpTransport = async (request): Promise<HttpResponse> => {
    requests.push(request);
    const answer = reply(request, requests.length - 1);
    return {
      status: answer.status ?? 200,
      headers: new Headers(answer.headers),
      text: answer.text ?? JSON.stringify(answer.json ?? {}),
    };
  };
  return { transport, requests };
}

export function jsonBody(request: HttpRequest): Record<string, unknown> {
  return JSON.parse(request.body ?? "{}") as Record<string, unknown>;
}
