/** What `POST /uploads` answers: the stored upload, or the server's validation error as it said it. */
export type UploadAnswer =
  { ok: true; upload: { id: string; fileName: string } } | { ok: false; code: string; message: string };

/**
 * Sends a file to `POST /uploads?projectId=…` with XMLHttpRequest, because fetch has no upload progress events;
 * `onProgress` gets the fraction sent. Resolves with the server's answer (never rejects on an HTTP error status).
 */
export function uploadFile(
  projectId: string,
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<UploadAnswer>; abort: () => void } {
  const request = new XMLHttpRequest();
  const promise = new Promise<UploadAnswer>((resolve) => {
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => resolve(parseAnswer(request.status, request.responseText)));
    request.addEventListener('error', () =>
      resolve({ ok: false, code: 'NETWORK', message: 'The upload failed: the server could not be reached.' }),
    );
    request.addEventListener('abort', () =>
      resolve({ ok: false, code: 'ABORTED', message: 'Upload cancelled.' }),
    );
    request.open('POST', `/uploads?projectId=${encodeURIComponent(projectId)}`);
    const body = new FormData();
    body.append('file', file, file.name);
    request.send(body);
  });
  return { promise, abort: () => request.abort() };
}

/** Reads the JSON answer of `POST /uploads`; anything unexpected becomes an error that quotes the status. */
export function parseAnswer(status: number, text: string): UploadAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, code: `HTTP_${status}`, message: text.trim() || `The server answered ${status}.` };
  }
  const record = body as {
    upload?: { id?: string; fileName?: string };
    error?: { code?: string; message?: string };
  };
  if (status >= 200 && status < 300 && record.upload?.id) {
    return { ok: true, upload: { id: record.upload.id, fileName: record.upload.fileName ?? '' } };
  }
  return {
    ok: false,
    code: record.error?.code ?? `HTTP_${status}`,
    message: record.error?.message ?? `The server answered ${status}.`,
  };
}
