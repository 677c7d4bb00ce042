import { describe, expect, it } from 'vitest';
import type { Actor } from '../../http/actor';
import { can } from '../../http/permissions';
import { renderMarkdown } from './render-markdown';

describe('renderMarkdown', () => {
  it('renders Markdown and marks members’ links nofollow', () => {
    expect(renderMarkdown('**gras** [SFAP](https://www.sfap.org)')).toBe('<p><strong>gras</strong> <a rel="nofollow ugc noopener" href="https://www.sfap.org">SFAP</a></p>');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<svg/onload=alert(1)>', '<p>&lt;svg/onload=alert(1)&gt;</p>'],
    ['[x](javascript:alert(1))', '<p><a rel="nofollow ugc noopener" href="">x</a></p>'],
    ['[x](vbscript:msgbox(1))', '<p><a rel="nofollow ugc noopener" href="">x</a></p>'],
    ['![x](data:image/svg+xml;base64,PHN2Zz4=)', '<p><img src="" alt="x" /></p>'],
    // A space ends the address: no image at all, the whole text stays text.
    ['![x](data:image/svg+xml,<svg onload=alert(1)>)', '<p>![x](data:image/svg+xml,&lt;svg onload=alert(1)&gt;)</p>'],
    ['<https://a.fr" onmouseover="alert(1)>', '<p>&lt;https://a.fr&quot; onmouseover=&quot;alert(1)&gt;</p>'],
  ])('leaves %s inert', (src, html) => {
    expect(renderMarkdown(src)).toBe(html);
  });
});

describe('forum and group permissions', () => {
  const actor = (roles: { role: string; scope: string | null }[]): Actor => ({ id: 'u', email: 'u@example.org', roles: roles as Actor['roles'], sessionHash: 'h' });
  it('lets the teachers and the animators of this course moderate, not those of another course', () => {
    expect(can(actor([{ role: 'forum_animator', scope: 'c1' }]), 'learning.forum.moderate', { courseId: 'c1' })).toBe(true);
    expect(can(actor([{ role: 'teacher', scope: 'c1' }]), 'learning.forum.moderate', { courseId: 'c1' })).toBe(true);
    expect(can(actor([{ role: 'forum_animator', scope: 'c2' }]), 'learning.forum.moderate', { courseId: 'c1' })).toBe(false);
    expect(can(actor([{ role: 'learner', scope: null }]), 'learning.forum.moderate', { courseId: 'c1' })).toBe(false);
  });
  it('leaves the groups to the teachers: an animator does not form or review them', () => {
    expect(can(actor([{ role: 'teacher', scope: 'c1' }]), 'learning.groups.manage', { courseId: 'c1' })).toBe(true);
    expect(can(actor([{ role: 'forum_animator', scope: 'c1' }]), 'learning.groups.manage', { courseId: 'c1' })).toBe(false);
    expect(can(actor([{ role: 'admin', scope: null }]), 'learning.groups.manage', { courseId: 'c1' })).toBe(true);
  });
});
