// Claim text quoted in reader cards: marks the text already has are not doubled.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { quoted } from '../../src/webview/quote';

describe('quoted (reader cards)', () => {
  const cases: [string, string, number, string][] = [
    ['plain text gets both marks', 'It is a classic relationship', 140, '“It is a classic relationship”'],
    ['text that opens with a mark keeps its own', '“Most importantly, we disagree', 140, '“Most importantly, we disagree”'],
    ['a complete quotation is left as it is', '“Most importantly, we disagree.”', 140, '“Most importantly, we disagree.”'],
    ['straight quotes count too', '"Enough," he said', 140, '"Enough," he said”'],
    ['a text that only closes gets an opening mark', 'we disagree,” he said.”', 140, '“we disagree,” he said.”'],
    ['a cut text is closed after the ellipsis', '“Most importantly, we disagree with everything', 20, '“Most importantly,…”'],
    ['surrounding white space is trimmed', '  spaced  ', 140, '“spaced”'],
    ['a lone mark is quoted', '“', 140, '“”'],
  ];
  for (const [name, text, max, want] of cases) it(name, () => assert.equal(quoted(text, max), want));

  it('never starts with two opening marks and never exceeds max + 2 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 2, max: 200 }), (text, max) => {
        const q = quoted(text, max);
        assert.ok(!/^[“"„«‘]{2}/.test(q) || /^[“"„«‘]{2}/.test(text.trim()), q);
        assert.ok(q.length <= max + 2, q);
      }),
    );
  });
});
