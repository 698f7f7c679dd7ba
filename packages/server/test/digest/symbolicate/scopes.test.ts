/**
 * Function scopes of minified code and the tokens that name them (js-source-scopes' naming),
 * through what trips a tokenizer: braces in strings, templates and regular expressions.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractScopes } from '../../../src/digest/symbolicate/scopes/extract-scopes.js';
import { ScopeIndex } from '../../../src/digest/symbolicate/scopes/scope-index.js';

/** Each scope as `name: source text` (anonymous ones as `?`). */
function scopesOf(source: string): string[] {
  return extractScopes(source).map((scope) => {
    const name = scope.name?.map((part) => part.text).join('.') ?? '?';
    return `${scope.isConstructor ? 'new ' : ''}${name}: ${source.slice(scope.start, scope.end)}`;
  });
}

/** The name of the scope enclosing the first occurrence of `marker`. */
function enclosing(source: string, marker: string): string {
  const index = new ScopeIndex(source);
  const offset = source.indexOf(marker);
  assert.ok(offset !== -1, marker);
  const { line, column } = index.positionOf(offset);
  const found = index.lookup(line, column);
  if (found.kind !== 'named') return found.kind;
  return (found.isConstructor ? 'new ' : '') + found.name.map((part) => part.text).join('.');
}

describe('extractScopes', () => {
  it('names declarations, and anonymous functions by what they are assigned to', () => {
    assert.deepEqual(
      scopesOf('function a(b){return b}var c=function(){},d=async()=>1;e.f.g=function*(){};h=x=>x'),
      [
        'a: function a(b){return b}',
        'c: function(){}',
        'd: ()=>1',
        'e.f.g: function*(){}',
        'h: x=>x',
      ],
    );
  });

  it("prefers a function expression's own name", () => {
    assert.deepEqual(scopesOf('a=function b(){}'), ['b: function b(){}']);
  });

  it('names classes, constructors and methods, and object literal members', () => {
    assert.deepEqual(
      scopesOf(
        'var K=class extends B{constructor(){super()}static s(){}get g(){}m(a){}};o={p:function(){},q(){}}',
      ),
      [
        'new K: class extends B{constructor(){super()}static s(){}get g(){}m(a){}}',
        'new K: constructor(){super()}',
        'K.s: s(){}',
        'K.g: g(){}',
        'K.m: m(a){}',
        'o.p: function(){}',
        'o.q: q(){}',
      ],
    );
    assert.deepEqual(scopesOf('class L{"x-y"(){}}'), [
      'new L: class L{"x-y"(){}}',
      'L.x-y: "x-y"(){}',
    ]);
  });

  it('ends an arrow with an expression body at the comma or bracket that ends the expression', () => {
    assert.deepEqual(scopesOf('f(a=>a+1,b=>(b,c)),g=()=>h'), [
      '?: a=>a+1',
      '?: b=>(b,c)',
      'g: ()=>h',
    ]);
  });

  it('is not fooled by braces in strings, templates, regular expressions and comments', () => {
    const source =
      'function a(){var s="}{",t=`}${ {k:"}"}.k }{`,r=/[}{]\\/}/g,d=1/2/3;/* } */// }\nreturn 1}function b(){}';
    assert.deepEqual(
      scopesOf(source).map((scope) => scope.split(':')[0]),
      ['a', 'b'],
    );
    assert.equal(enclosing(source, 'return 1'), 'a');
  });

  it('finds the innermost enclosing scope', () => {
    const source = 'function outer(){function inner(){X()}Y();return()=>{Z()}}W()';
    assert.equal(enclosing(source, 'X()'), 'inner');
    assert.equal(enclosing(source, 'Y()'), 'outer');
    assert.equal(enclosing(source, 'Z()'), 'anonymous');
    assert.equal(enclosing(source, 'W()'), 'global');
  });

  it('counts lines and columns as stack traces do', () => {
    const index = new ScopeIndex('x\nfunction f(){\n  g()\n}');
    assert.deepEqual(index.lookup(2, 2), {
      kind: 'named',
      name: [{ text: 'f', offset: 11 }],
      isConstructor: false,
    });
    assert.deepEqual(index.lookup(9, 0), { kind: 'global' });
    assert.deepEqual(index.lookup(0, 99), { kind: 'global' });
  });

  it('never throws on truncated or hostile input, in time linear in its size', () => {
    for (const source of [
      'function a(){',
      '`${',
      '"',
      '/[',
      ')))}}}]]]',
      'class{',
      '=>=>',
      '#!x\n',
    ]) {
      assert.doesNotThrow(() => new ScopeIndex(source).lookup(0, 0));
    }
    const deep = '('.repeat(200_000) + 'function(){' + ')'.repeat(200_000);
    assert.equal(extractScopes(deep).length, 1);
    const arrows = 'a=>'.repeat(100_000);
    assert.equal(extractScopes(arrows).length, 100_000);
  });
});
