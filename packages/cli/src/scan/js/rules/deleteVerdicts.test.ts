// testsAnswer: does a caller branch on a delete helper's answer and go on (a 404, a skip), rather than
// drop it or fail on it?
import { describe, expect, it } from 'vitest';
import { testsAnswer } from './deleteVerdicts.js';

describe('testsAnswer', () => {
  it.each([
    [
      'const deleted = await database.deleteProduct(id);\nif (!deleted) {\n  res.status(404).json({ error: "not found" });\n  return;\n}',
    ],
    ['const ok = await this.store.deleteProduct(id);\nif (ok === false) return { statusCode: 404 };'],
    ['if (!(await deleteProduct(id))) {\n  return notFound();\n}'],
    ['let gone = await repo?.deleteProduct(id);\nlog(gone);\nif (gone && audit) record(id);'],
  ])('reads %s as a test of the answer', (text) => {
    expect(testsAnswer(text, ['deleteProduct'])).toBe(true);
  });

  it.each([
    // Dropped: a cleanup whose answer nobody reads.
    ['await database.deleteProduct(id);\nif (cart.empty) return;'],
    // Tested, and the failing side fails: the failure reaches the client.
    [
      'const deleted = await database.deleteProduct(id);\nif (!deleted) {\n  return res.status(500).end();\n}',
    ],
    ['const deleted = await deleteProduct(id);\nif (!deleted) throw new Error("delete failed");'],
    // Another function's answer, though the helper is called too.
    ['const removed = await deleteProductImages(id);\nif (!removed) return skip();'],
    // No if at all.
    ['const deleted = await deleteProduct(id);\nreturn deleted;'],
  ])('does not read %s as a test of the answer', (text) => {
    expect(testsAnswer(text, ['deleteProduct'])).toBe(false);
  });
});
