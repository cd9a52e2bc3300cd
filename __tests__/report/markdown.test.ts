import { describe, expect, it } from '@jest/globals';
import { block, code, fenced, inline, plain, table, url } from '../../src/report/markdown.js';

describe('plain', () => {
  it.each([
    ['<docker-user>', '&lt;docker-user&gt;'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['*not bold* _nor this_ ~~nor this~~', '\\*not bold\\* \\_nor this\\_ \\~\\~nor this\\~\\~'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['a | b', 'a \\| b'],
    ['C:\\path', 'C:\\\\path'],
    ['one `tick', 'one \\`tick'],
    ['revision 3 (deployed)', 'revision 3 (deployed)'],
  ])('shows %j literally', (text, markdown) => expect(plain(text)).toBe(markdown));
});

describe('code', () => {
  it.each([
    ['portkey-ai', '`portkey-ai`'],
    ['a`b', '``a`b``'],
    ['`edge`', '`` `edge` ``'],
    ['a``b', '```a``b```'],
  ])('%j becomes a code span no backtick inside can close', (text, markdown) => expect(code(text)).toBe(markdown));
});

describe('inline', () => {
  it.each([
    ['`service-port`: "eighty" is not a number', '`service-port`: "eighty" is not a number'],
    ['`registry-username`: credential <docker-user>', '`registry-username`: credential &lt;docker-user&gt;'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['use `load-balancer: internal`.', 'use `load-balancer: internal`.'],
    ['an unmatched ` tick', 'an unmatched \\` tick'],
  ])('keeps our code spans and escapes the rest of %j', (text, markdown) => expect(inline(text)).toBe(markdown));
});

describe('block', () => {
  it('turns indented "- " lines into a list and keeps the line breaks of a paragraph', () => {
    expect(block('2 problem(s):\n  - `a`: bad <x>\n  - `b`: worse\nhelm said:\nError: *boom*')).toBe(
      '2 problem(s):\n\n- `a`: bad &lt;x&gt;\n- `b`: worse\n\nhelm said:\\\nError: \\*boom\\*',
    );
  });
});

describe('url', () => {
  it('links an http(s) URL to itself and shows anything else as code', () => {
    expect(url('http://20.50.1.2:8787')).toBe('[http://20.50.1.2:8787](http://20.50.1.2:8787)');
    expect(url('https://gw.example.com/v1')).toBe('[https://gw.example.com/v1](https://gw.example.com/v1)');
    expect(url('javascript:alert(1)')).toBe('`javascript:alert(1)`');
    expect(url('http://x/"><img src=x>')).toBe('`http://x/"><img src=x>`');
  });
});

describe('table', () => {
  it('escapes pipes, inside code spans too, and keeps line breaks in a cell', () => {
    expect(
      table(
        ['Stage', 'Result'],
        [
          [plain('a | b'), code('x|y')],
          ['two\nlines', 'ok'],
        ],
      ),
    ).toBe('| Stage | Result |\n| --- | --- |\n| a \\| b | `x\\|y` |\n| two<br>lines | ok |');
  });
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run in the text', () => {
    expect(fenced('plain')).toBe('```text\nplain\n```');
    expect(fenced('has ``` inside')).toBe('````text\nhas ``` inside\n````');
  });
});
