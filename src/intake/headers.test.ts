import { describe, expect, it } from 'vitest';
import { looksLikeMessage, messageIdOf } from './headers.ts';

const msg = (s: string) => Buffer.from(s);

describe('messageIdOf', () => {
  it('reads a folded Message-ID in any case', () => {
    expect(messageIdOf(msg('From: a@b.c\r\nmessage-id:\r\n <abc.123@mail.example>\r\n\r\nbody'))).toBe('<abc.123@mail.example>');
  });
  it('adds brackets to a bare id and ignores a Message-ID in the body', () => {
    expect(messageIdOf(msg('Message-Id: x1@y\n\nbody'))).toBe('<x1@y>');
    expect(messageIdOf(msg('From: a@b.c\n\nMessage-ID: <in-body@x>'))).toBeNull();
  });
});

describe('looksLikeMessage', () => {
  it('accepts a header line and refuses binary or headerless input', () => {
    expect(looksLikeMessage(msg('Subject: hi\n\nx'))).toBe(true);
    expect(looksLikeMessage(msg('just some text\nmore'))).toBe(false);
    expect(looksLikeMessage(Buffer.from([0x53, 0x3a, 0x00, 0xff]))).toBe(false);
  });
});
