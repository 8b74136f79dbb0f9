import { parseHttpResponse, routeParts, type HttpError, type HttpRequest, type HttpResponse, type HttpResult, type HttpRouteKey } from '../../core/protocol/http';
import { UploadLine, type UploadResult } from '../../core/protocol/admin';

/** Called when the host says the session is gone (401): the console goes back to the PIN. */
let onSignedOut: (why: HttpError) => void = () => {};
export function whenSignedOut(fn: (why: HttpError) => void): void {
  onSignedOut = fn;
}

const unreachable: HttpError = { error: 'network', message: { 'zh-Hans': '无法连接展厅主机。', en: 'Cannot reach the hall host.' } };

/** Calls one JSON route of the host's contract; never throws. */
export async function call<K extends HttpRouteKey>(key: K, body?: HttpRequest<K>): Promise<HttpResult<HttpResponse<K>>> {
  const { method, path } = routeParts(key);
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const r = parseHttpResponse(key, res.status, await res.json().catch(() => undefined));
    if (!r.ok && res.status === 401 && key !== 'POST /api/auth/login') onSignedOut(r.error);
    return r;
  } catch {
    return { ok: false, status: 0, error: unreachable };
  }
}

export interface UploadEvents {
  bytes(done: number, total: number): void;
  progress(phase: string, done: number, total: number): void;
}

/**
 * Sends a pack file to the host (XMLHttpRequest: its upload events give the real bytes sent) and
 * reads the streamed answer line by line: install progress, then the result.
 */
export function uploadPack(file: File, on: UploadEvents): Promise<UploadResult | { type: 'refused'; error: HttpError }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let result: UploadResult | undefined;
    const drain = () => {
      const text = xhr.responseText;
      let nl: number;
      while ((nl = text.indexOf('\n', seen)) >= 0) {
        const line = text.slice(seen, nl);
        seen = nl + 1;
        let parsed;
        try {
          parsed = UploadLine.safeParse(JSON.parse(line));
        } catch {
          continue;
        }
        if (!parsed.success) continue;
        const m = parsed.data;
        if (m.type === 'pack.progress') on.progress(m.phase, m.done, m.total);
        else result = m;
      }
    };
    xhr.open('POST', '/api/admin/packs/upload');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => on.bytes(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onprogress = () => {
      if (xhr.status === 200) drain();
    };
    xhr.onload = () => {
      if (xhr.status === 200) {
        drain();
        resolve(result ?? { type: 'result', ok: false, message: { 'zh-Hans': '主机没有给出安装结果。', en: 'The host gave no install result.' }, findings: [] });
        return;
      }
      let error: HttpError = { error: 'http', message: { 'zh-Hans': `主机返回错误 HTTP ${xhr.status}。`, en: `The host answered HTTP ${xhr.status}.` } };
      try {
        const body = JSON.parse(xhr.responseText) as HttpError;
        if (body?.message?.en) error = body;
      } catch {
        // keep the generic sentence
      }
      if (xhr.status === 401) onSignedOut(error);
      resolve({ type: 'refused', error });
    };
    xhr.onerror = () => resolve({ type: 'refused', error: unreachable });
    xhr.send(file);
  });
}
