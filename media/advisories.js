// SMB Guard advisory panel: renders the extension's JSON view-model with createElement and textContent only.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  const state = vscode.getState() || { filter: 'all' };
  let model = null;

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

  function button(text, label, focusKey, onClick, primary) {
    const b = el('button', { text, className: primary ? 'primary' : 'secondary', attrs: { type: 'button', 'aria-label': label, 'data-focus': focusKey } });
    b.addEventListener('click', onClick);
    return b;
  }

  function list(items, className) {
    return el('ul', { className }, items.map((t) => el('li', { text: t })));
  }

  const THREAT_LABEL = { 'kev-ransomware': 'Exploited, ransomware', kev: 'Exploited (KEV)', exploited: 'Worm or ransomware', other: '' };

  function renderCard(card) {
    const date = `Published ${longDate(card.published)} (${card.publishedSource})`;
    const facts = [
      date,
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
    const badge = THREAT_LABEL[card.threat] || (card.history ? 'History' : '');
    return el('article', { className: `card ${card.threat}`, attrs: { 'aria-label': `Advisory ${card.id}` } }, [
      el('h4', {}, [badge ? el('span', { text: badge, className: `badge threat ${card.threat}` }) : null, document.createTextNode(`${badge ? ' ' : ''}${card.id}: ${card.title}`)]),
      list(facts, 'facts'),
      el('p', { text: card.summary }),
      card.context ? el('p', { className: 'context' }, [el('strong', { text: 'Context: ' }), document.createTextNode(card.context)]) : null,
      card.exploitation.length ? el('p', { text: `Exploited by: ${card.exploitation.join(', ')}` }) : null,
      card.remediation.length ? el('h5', { text: 'What to do' }) : null,
      card.remediation.length ? list(card.remediation.map((r) => `${r.label}: ${r.text}`)) : null,
      more.length ? el('details', {}, [el('summary', { text: 'Sources and caveats', attrs: { 'data-focus': `more:${card.id}` } }), ...more]) : null,
    ]);
  }

  function renderSelected(s) {
    const section = el('section', { attrs: { 'aria-label': 'Selected finding' } });
    section.appendChild(el('h2', {}, [el('span', { text: SEVERITY_LABEL[s.severity], className: `badge ${s.severity}` }), document.createTextNode(` ${s.ruleTitle}`)]));
    section.appendChild(el('p', { text: s.message }));
    section.appendChild(el('dl', {}, s.why.flatMap((w) => [el('dt', { text: w.label }), el('dd', { text: w.value, className: w.label === 'Rule text' ? 'code' : '' })])));
    if (s.fixes.length) {
      section.appendChild(el('h3', { text: 'Fixes' }));
      const fixes = el('div', { className: 'fixes', attrs: { role: 'group', 'aria-label': 'Fixes' } });
      for (const f of s.fixes) {
        const title = f.needsInput === 'reason' ? `${f.title}…` : f.title;
        const label = `${f.title}${f.isPreferred ? ' (recommended)' : ''}${f.needsInput === 'reason' ? ', asks for a reason' : ''}`;
        fixes.appendChild(button(title, label, `fix:${f.index}`, () => vscode.postMessage({ type: 'applyFix', uri: s.uri, findingKey: s.findingKey, fixIndex: f.index }), f.isPreferred));
      }
      section.appendChild(fixes);
    }
    section.appendChild(el('p', {}, [link(s.docsUrl, `About ${s.ruleId}`, 'docs')]));
    if (s.advisories.length) {
      section.appendChild(el('h3', { text: 'Advisories, most exploited first' }));
      for (const card of s.advisories) section.appendChild(renderCard(card));
    }
    return section;
  }

  function renderFilter(files) {
    // Counted from the list itself, so each option says how many rows it will show.
    const counts = { error: 0, warning: 0, info: 0 };
    for (const file of files) for (const f of file.findings) counts[f.severity]++;
    const select = el('select', { attrs: { 'aria-label': 'Show findings of severity', 'data-focus': 'filter' } });
    const options = [
      ['all', `All (${counts.error + counts.warning + counts.info})`],
      ['error', `Errors (${counts.error})`],
      ['warning', `Warnings (${counts.warning})`],
      ['info', `Info (${counts.info})`],
    ];
    for (const [value, text] of options) select.appendChild(el('option', { text, attrs: { value } }));
    select.value = state.filter;
    select.addEventListener('change', () => {
      state.filter = select.value;
      vscode.setState(state);
      render();
    });
    return select;
  }

  function renderList(m) {
    const section = el('section', { attrs: { 'aria-label': 'Findings in the workspace' } });
    section.appendChild(el('h2', { text: 'Findings in the workspace' }));
    if (!m.files.length) {
      section.appendChild(el('p', { text: 'No SMB exposure found in the analysed files.' }));
      section.appendChild(button('Scan workspace', 'Scan the workspace for SMB exposures', 'scan', () => vscode.postMessage({ type: 'scanWorkspace' }), true));
      return section;
    }
    section.appendChild(renderFilter(m.files));
    for (const file of m.files) {
      const items = file.findings.filter((f) => state.filter === 'all' || f.severity === state.filter);
      if (!items.length) continue;
      section.appendChild(el('h3', { text: file.label, className: 'file' }));
      const ul = el('ul', { className: 'findings' });
      for (const f of items) {
        const selected = m.selected && m.selected.uri === file.uri && m.selected.findingKey === f.key;
        const a = el('a', {
          attrs: { href: '#', 'data-focus': `item:${file.uri}:${f.key}`, 'aria-label': `${SEVERITY_LABEL[f.severity]} on line ${f.line}: ${f.message}`, 'aria-current': selected ? 'true' : 'false' },
        }, [el('span', { text: SEVERITY_LABEL[f.severity], className: `badge ${f.severity}` }), el('span', { text: ` Ln ${f.line} `, className: 'line' }), el('span', { text: f.message })]);
        a.addEventListener('click', (e) => {
          e.preventDefault();
          vscode.postMessage({ type: 'select', uri: file.uri, findingKey: f.key });
          vscode.postMessage({ type: 'reveal', uri: file.uri, range: f.range });
        });
        ul.appendChild(el('li', { className: selected ? 'selected' : '' }, [a]));
      }
      section.appendChild(ul);
    }
    if (m.truncated) section.appendChild(el('p', { className: 'note', text: `${m.truncated} more findings are not listed here; see the Problems panel.` }));
    return section;
  }

  function render() {
    if (!model) return;
    // Re-rendering replaces every node: keep keyboard focus on the same control.
    const focused = document.activeElement && document.activeElement.getAttribute('data-focus');
    app.replaceChildren(
      model.selected ? renderSelected(model.selected) : el('p', { className: 'hint', text: 'Put the cursor on a flagged rule, or pick a finding below, to see why it is exposed and what to do.' }),
      renderList(model),
    );
    if (focused) {
      const again = Array.from(app.querySelectorAll('[data-focus]')).find((n) => n.getAttribute('data-focus') === focused);
      if (again) again.focus();
    }
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg && msg.type === 'update' && msg.model && Array.isArray(msg.model.files)) {
      model = msg.model;
      render();
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
