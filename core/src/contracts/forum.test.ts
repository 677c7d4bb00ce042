import { describe, expect, it } from 'vitest';
import { findMentions } from './forum';

const members = [
  { id: '1', displayName: 'Anne Martin' },
  { id: '2', displayName: 'Anne Martin-Durand' },
  { id: '3', displayName: 'Éloïse Bérard' },
  { id: '4', displayName: 'Paul' },
];

describe('findMentions', () => {
  it('finds members written as @ + display name, whatever the case', () => {
    expect(findMentions('Merci @anne martin et @Éloïse Bérard !', members).map((m) => m.id).sort()).toEqual(['1', '3']);
  });

  it('prefers the longest name and does not also count its prefix', () => {
    expect(findMentions('Bonjour @Anne Martin-Durand, une question', members).map((m) => m.id)).toEqual(['2']);
  });

  it('needs a word boundary after the name and ignores e-mail addresses', () => {
    expect(findMentions('@Paulette et ecrire@Paul.fr', members)).toEqual([]);
    expect(findMentions('(@Paul)', members).map((m) => m.id)).toEqual(['4']);
  });

  it('lists a member once even when named twice', () => {
    expect(findMentions('@Paul puis encore @Paul', members)).toHaveLength(1);
  });
});
