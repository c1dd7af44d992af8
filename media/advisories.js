// SMB Guard detail panel: one finding. Renders the extension's JSON view-model with createElement and textContent only.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  const state = vscode.getState() || { open: {} };
  let message = null;

  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' };

  /** createElement with text, class and attributes; children appended in order. */
  function el(tag, options, children) {
    const node = document.createElement(tag);
    const o = options || {};
    if (o.text !== undefined) node.textContent = String(o.text);
    if (o.className) node.className = o.className;
    if (o.attrs) for (const [k, v] of Object.entries(o.attrs)) node.setAttribute(k, String(v));
    for (const c of children || []) if (c) node.appendChild(c);
    return node;
  }

  /** "2005-06-14" → "14 June 2005", without depending on the webview's locale. */
  function longDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso || '';
  }

  /** Only http(s) links become anchors; VS Code opens them in the browser. */
  function link(url, text, focusKey) {
    if (!/^https?:\/\//i.test(url)) return el('span', { text: text || url });
    return el('a', { text: text || url, attrs: { href: url, 'data-focus': focusKey || `link:${url}` } });
  }

  function list(items, className) {
    return el('ul', { className }, items.map((t) => el('li', { text: t })));
  }

  /** A codicon from the packaged font; decorative, so screen readers read the text next to it. */
  function icon(name, className) {
    return el('span', { className: `codicon codicon-${name}${className ? ` ${className}` : ''}`, attrs: { 'aria-hidden': 'true' } });
  }

  /** A word in a box: read as text, so it survives High Contrast and colour blindness alike. */
  function tag(text, className) {
    return el('span', { text, className: `tag ${className || ''}`.trim() });
  }

  const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' };

  /** The card's one line: id, short title, threat badges and the vendor's rating. */
  function advisorySummary(card) {
    const tags = [];
    if (card.threat === 'kev' || card.threat === 'kev-ransomware') tags.push(tag('KEV', 'kev'));
    if (card.threat === 'kev-ransomware') tags.push(tag('Ransomware', 'ransomware'));
    if (card.threat === 'exploited') tags.push(tag('Exploited', 'exploited'));
    if (card.history) tags.push(tag('History'));
    if (card.severity) tags.push(tag(card.severity.replace(/\s*\(.*$/, ''), 'rating'));
    return el('summary', { attrs: { 'data-focus': `advisory:${card.id}` } }, [
      icon('chevron-right', 'twisty'),
      el('strong', { text: card.id }),
      document.createTextNode(` ${card.title} `),
      ...tags,
    ]);
  }

  /** The card's body, shown once its line is expanded. */
  function advisoryBody(card) {
    const facts = [
      `Published ${longDate(card.published)} (${card.publishedSource})`,
      card.severity ? `Vendor severity: ${card.severity}` : '',
      `CVSS: ${card.cvss}`,
      `${card.kev}. ${card.kevAsOf}.`,
      `Ports: ${card.ports}`,
      card.endOfLife ? 'Affects only systems that are out of vendor support' : '',
    ].filter(Boolean);
    const more = [];
    if (card.officialTitle) more.push(el('h5', { text: 'Official title' }), el('p', { text: card.officialTitle }));
    if (card.affects.length) more.push(el('h5', { text: 'Affected' }), list(card.affects));
    if (card.cvssDetails.length) more.push(el('h5', { text: 'Scores' }), list(card.cvssDetails));
    if (card.kevDetails.length) more.push(el('h5', { text: 'CISA KEV entries' }), list(card.kevDetails));
    if (card.cwe.length) more.push(el('h5', { text: 'Weakness' }), el('p', { text: card.cwe.join(', ') }));
    if (card.references.length) more.push(el('h5', { text: 'References' }), el('ul', {}, card.references.map((r) => el('li', {}, [link(r)]))));
    if (card.unverified.length) more.push(el('h5', { text: 'Not verified' }), list(card.unverified));
    return el('div', { className: 'card-body' }, [
      el('p', { text: card.summary }),
      list(facts, 'facts'),
      card.context ? el('p', { className: 'context' }, [el('strong', { text: 'Context: ' }), document.createTextNode(card.context)]) : null,
      card.exploitation.length ? el('p', { text: `Exploited by: ${card.exploitation.join(', ')}` }) : null,
      card.remediation.length ? el('h5', { text: 'What to do' }) : null,
      card.remediation.length ? list(card.remediation.map((r) => `${r.label}: ${r.text}`)) : null,
      more.length ? el('details', { className: 'more' }, [el('summary', { text: 'Sources and caveats', attrs: { 'data-focus': `more:${card.id}` } }), ...more]) : null,
    ]);
  }

  function renderCard(card) {
    const details = el('details', { className: `card ${card.threat}`, attrs: { 'aria-label': `Advisory ${card.id}` } }, [advisorySummary(card), advisoryBody(card)]);
    if (state.open && state.open[card.id]) details.setAttribute('open', '');
    details.addEventListener('toggle', () => {
      state.open = Object.assign({}, state.open, { [card.id]: details.open });
      vscode.setState(state);
    });
    return el('li', {}, [details]);
  }

  function renderFix(s, f) {
    const asks = f.needsInput === 'reason' ? ', asks for a reason' : f.needsInput === 'trusted-sources' ? ', asks for a network' : '';
    const b = el('button', {
      className: f.isPreferred ? 'primary' : 'secondary',
      attrs: { type: 'button', 'aria-label': `${f.title}${f.isPreferred ? ' (preferred)' : ''}${asks}`, 'data-focus': `fix:${f.index}` },
    }, [
      icon(f.isPreferred ? 'lightbulb-autofix' : f.needsInput === 'reason' ? 'comment' : 'wrench'),
      el('span', { text: f.needsInput && !f.title.endsWith('…') ? `${f.title}…` : f.title, className: 'fix-title' }),
      f.isPreferred ? tag('Preferred', 'preferred') : null,
    ]);
    b.addEventListener('click', () => vscode.postMessage({ type: 'applyFix', uri: s.uri, findingKey: s.findingKey, fixIndex: f.index }));
    return el('li', {}, [b]);
  }

  function renderSelected(s) {
    const section = el('section', { attrs: { 'aria-label': 'Selected finding' } });
    section.appendChild(el('h2', { className: `summary ${s.severity}` }, [icon(SEVERITY_ICON[s.severity], `sev ${s.severity}`), el('span', { text: SEVERITY_LABEL[s.severity], className: 'sev-label' }), document.createTextNode(` ${s.ruleTitle}`)]));
    const where = el('a', { attrs: { href: '#', 'data-focus': 'reveal', 'aria-label': `Go to ${s.label}, line ${s.range.start.line + 1}` } }, [icon('go-to-file'), document.createTextNode(` ${s.label}:${s.range.start.line + 1}`)]);
    where.addEventListener('click', (e) => {
      e.preventDefault();
      vscode.postMessage({ type: 'reveal', uri: s.uri, range: s.range });
    });
    section.appendChild(el('p', { className: 'where' }, [where, document.createTextNode(' · '), link(s.docsUrl, `About ${s.ruleId}`, 'docs')]));
    section.appendChild(el('p', { text: s.message, className: 'message' }));
    section.appendChild(el('dl', {}, s.why.flatMap((w) => [el('dt', { text: w.label }), el('dd', { text: w.value, className: w.label === 'Rule text' ? 'code' : '' })])));
    if (s.fixes.length) {
      section.appendChild(el('h3', { text: 'Fixes' }));
      // The order of the Ctrl+. menu: the preferred fix first.
      section.appendChild(el('ul', { className: 'fixes', attrs: { 'aria-label': 'Fixes' } }, s.fixes.map((f) => renderFix(s, f))));
    }
    if (s.advisories.length) {
      section.appendChild(el('h3', { text: `Advisories (${s.advisories.length}), most exploited first` }));
      section.appendChild(el('ul', { className: 'advisories', attrs: { 'aria-label': 'Advisories' } }, s.advisories.map(renderCard)));
    }
    return section;
  }

  function render() {
    if (!message) return;
    // Re-rendering replaces every node: keep keyboard focus on the same control.
    const focused = document.activeElement && document.activeElement.getAttribute('data-focus');
    app.replaceChildren(message.detail ? renderSelected(message.detail) : el('p', { className: 'hint', text: message.hint }));
    if (focused) {
      const again = Array.from(app.querySelectorAll('[data-focus]')).find((n) => n.getAttribute('data-focus') === focused);
      if (again) again.focus();
    }
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg && msg.type === 'update' && typeof msg.hint === 'string') {
      message = msg;
      render();
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
