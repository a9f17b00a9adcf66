import { describe, expect, it } from 'vitest';
import { parseAnswer } from './upload';

describe('parseAnswer', () => {
  it('returns the upload of a 201 answer', () => {
    expect(parseAnswer(201, JSON.stringify({ upload: { id: 'u1', fileName: 'a.h5ad' } }))).toEqual({
      ok: true,
      upload: { id: 'u1', fileName: 'a.h5ad' },
    });
  });

  it("keeps the server's error message as it is", () => {
    const text = JSON.stringify({
      error: { code: 'BAD_USER_INPUT', message: 'not an HDF5 file: bad signature' },
    });
    expect(parseAnswer(400, text)).toEqual({
      ok: false,
      code: 'BAD_USER_INPUT',
      message: 'not an HDF5 file: bad signature',
    });
  });

  it('quotes a body that is not JSON', () => {
    expect(parseAnswer(502, 'Bad gateway')).toEqual({ ok: false, code: 'HTTP_502', message: 'Bad gateway' });
  });
});
