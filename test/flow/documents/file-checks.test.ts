import { expect } from '@open-wc/testing';
import {
  MB,
  checkFile,
  formatBytes,
  sniffMimeType,
  type FileCheckResult,
  type FileRule,
} from '../../../src/steps/documents/file-checks.js';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES, fileOf, jpeg, pdf, png } from './fixtures.js';

const ALL: FileRule = {
  maxBytes: 10 * MB,
  accept: ['application/pdf', 'image/jpeg', 'image/png'],
};

function refused(result: FileCheckResult): { problem: string; message: string } {
  if (result.ok) throw new Error(`expected a refusal, got ${result.mimeType}`);
  return result;
}

describe('sniffMimeType', () => {
  it('recognises each signature from the first bytes', () => {
    expect(sniffMimeType(Uint8Array.from(PDF_BYTES))).to.equal('application/pdf');
    expect(sniffMimeType(Uint8Array.from(JPEG_BYTES))).to.equal('image/jpeg');
    expect(sniffMimeType(Uint8Array.from(PNG_BYTES))).to.equal('image/png');
  });

  it('needs the whole signature', () => {
    expect(sniffMimeType(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x31]))).to.equal(undefined); // %PDF1
    expect(sniffMimeType(Uint8Array.from([0xff, 0xd8]))).to.equal(undefined);
    expect(sniffMimeType(Uint8Array.from(PNG_BYTES.slice(0, 7)))).to.equal(undefined);
    expect(sniffMimeType(new TextEncoder().encode('GIF89a'))).to.equal(undefined);
  });
});

describe('checkFile', () => {
  it('accepts PDF, JPEG and PNG whose name, type and bytes agree, reporting the real type', async () => {
    expect(await checkFile(pdf(), ALL)).to.deep.equal({ ok: true, mimeType: 'application/pdf' });
    expect(await checkFile(jpeg('IMG_0001.JPEG'), ALL)).to.deep.equal({
      ok: true,
      mimeType: 'image/jpeg',
    });
    expect(await checkFile(png(), ALL)).to.deep.equal({ ok: true, mimeType: 'image/png' });
  });

  it('goes by the bytes when the browser reports no type and the name has no extension', async () => {
    const file = fileOf(PDF_BYTES, 'scan', '');
    expect(await checkFile(file, ALL)).to.deep.equal({ ok: true, mimeType: 'application/pdf' });
  });

  it('refuses PNG bytes named .pdf with type application/pdf', async () => {
    const file = fileOf(PNG_BYTES, 'statement.pdf', 'application/pdf');
    const result = refused(await checkFile(file, ALL));
    expect(result.problem).to.equal('mismatch');
    expect(result.message).to.equal(
      'This file says it is a PDF but it is really a PNG. Save it again in the right format or choose another file.',
    );
  });

  it('refuses a mismatch claimed by the extension alone (generic type)', async () => {
    const file = fileOf(JPEG_BYTES, 'id.png', 'application/octet-stream');
    const result = refused(await checkFile(file, ALL));
    expect(result.problem).to.equal('mismatch');
    expect(result.message).to.contain('says it is a PNG but it is really a JPEG');
  });

  it('refuses a file that claims to be a PNG but is not an image we can read', async () => {
    const file = fileOf([0x00, 0x01, 0x02, 0x03], 'photo.png', 'image/png');
    const result = refused(await checkFile(file, ALL));
    expect(result.problem).to.equal('unreadable');
    expect(result.message).to.equal(
      'This file says it is a PNG but it is not an image we can read.',
    );
  });

  it('refuses an unsupported format, naming the accepted ones', async () => {
    const heic = fileOf([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70], 'IMG_2.HEIC', 'image/heic');
    const result = refused(await checkFile(heic, ALL));
    expect(result.problem).to.equal('unreadable');
    expect(result.message).to.equal(
      "We can't read this type of file. Choose a PDF, JPEG, or PNG file.",
    );
  });

  it('refuses a real type the document does not take', async () => {
    const result = refused(
      await checkFile(pdf('me.pdf'), { maxBytes: 10 * MB, accept: ['image/jpeg', 'image/png'] }),
    );
    expect(result.problem).to.equal('not_accepted');
    expect(result.message).to.equal(
      'This document must be a JPEG or PNG file. This file is a PDF.',
    );
  });

  it('refuses a file over the cap, stating the cap in human units', async () => {
    const big = pdf('statement.pdf', 10 * MB + 1);
    const result = refused(await checkFile(big, ALL));
    expect(result.problem).to.equal('too_large');
    expect(result.message).to.equal(
      'This file is 10.1 MB, over the 10 MB limit. Choose a smaller file.',
    );
  });

  it('accepts a file exactly at the cap', async () => {
    const result = await checkFile(pdf('cap.pdf', 2 * MB), { ...ALL, maxBytes: 2 * MB });
    expect(result.ok).to.equal(true);
  });

  it('checks the size before reading any bytes', async () => {
    let sliced = false;
    const file = pdf('big.pdf', 6 * MB);
    file.slice = (...args: Parameters<Blob['slice']>) => {
      sliced = true;
      return Blob.prototype.slice.apply(file, args);
    };
    const result = refused(await checkFile(file, { ...ALL, maxBytes: 5 * MB }));
    expect(result.message).to.contain('over the 5 MB limit');
    expect(sliced).to.equal(false);
  });

  it('refuses an empty file', async () => {
    const result = refused(
      await checkFile(new File([], 'empty.pdf', { type: 'application/pdf' }), ALL),
    );
    expect(result.problem).to.equal('empty');
    expect(result.message).to.equal('This file is empty. Choose another file.');
  });
});

describe('formatBytes', () => {
  it('uses binary units with at most one decimal', () => {
    expect(formatBytes(10 * MB, { locale: 'en' })).to.equal('10 MB');
    expect(formatBytes(2.5 * MB, { locale: 'en' })).to.equal('2.5 MB');
    expect(formatBytes(340 * 1024, { locale: 'en' })).to.equal('340 kB');
    expect(formatBytes(5 * MB + 1, { locale: 'en', round: 'ceil' })).to.equal('5.1 MB');
  });
});
