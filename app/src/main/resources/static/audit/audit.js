/*
 * SecFlow · the auditors' history page: service processes by item, period, state and grade; the
 * BPMN diagram of one with the path it took and a badge per clause; its clause trace beside it.
 * Read-only. Logs in with the Camunda webapps' login, whose session /api accepts for GET.
 */
(function () {
  'use strict';

  const AUTH = '/camunda/api/admin/auth/user/default';
  const API = '/api/compliance';
  const STATUS_NAMES = {DONE: '已完成', PENDING: '进行中', NOT_REACHED: '未执行', ELSEWHERE: '由本项目其他流程承载'};
  const BADGE_CLASSES = {DONE: 'done', PENDING: 'pending', NOT_REACHED: 'not-reached'};
  const PAGE_SIZE = 15;

  const $ = (id) => document.getElementById(id);
  let page = 0;
  let viewer = null;

  // ---- login with the webapps' session --------------------------------------------------------

  /*
   * Camunda's CSRF filter wants the session's token in X-XSRF-TOKEN on every POST. It tells the token
   * once, in a response header when it creates it, and in the cookie XSRF-TOKEN, whose path (/camunda)
   * hides it from this page; a hidden frame below /camunda can read it.
   */
  let xsrf = null;

  async function camunda(url, options) {
    const response = await fetch(url, Object.assign({credentials: 'same-origin'}, options));
    const token = response.headers.get('X-XSRF-TOKEN');
    if (token) {
      xsrf = token;
    }
    return response;
  }

  function tokenFromCookie() {
    return new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.src = AUTH;
      frame.onload = () => {
        let token = null;
        try {
          const match = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(frame.contentDocument.cookie);
          token = match ? match[1] : null;
        } catch (e) {
          token = null;
        }
        frame.remove();
        resolve(token);
      };
      document.body.appendChild(frame);
    });
  }

  async function post(url, body) {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!xsrf) {
        await camunda(AUTH);
      }
      if (!xsrf) {
        xsrf = await tokenFromCookie();
      }
      const headers = {'X-XSRF-TOKEN': xsrf || ''};
      if (body) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
      const response = await camunda(url, {method: 'POST', body, headers});
      if (response.status !== 403) {
        return response;
      }
      xsrf = null; // a stale token (the session changed): read it anew once
    }
    return {ok: false, status: 403};
  }

  async function currentUser() {
    const response = await camunda(AUTH);
    return response.ok ? (await response.json()).userId : null;
  }

  async function login(event) {
    event.preventDefault();
    $('login-error').hidden = true;
    const body = new URLSearchParams({username: $('username').value, password: $('password').value});
    const response = await post(AUTH + '/login/cockpit', body);
    if (!response.ok) {
      $('login-error').textContent = response.status === 401 || response.status === 403
        ? '登录失败：用户名或密码错误，或该账号无权使用流程监控。' : '登录失败（' + response.status + '），请稍后重试。';
      $('login-error').hidden = false;
      return;
    }
    xsrf = null; // the login starts a new session with a token of its own
    $('password').value = '';
    start((await response.json()).userId);
  }

  async function logout() {
    await post(AUTH + '/logout');
    xsrf = null;
    showLogin();
  }

  function showLogin() {
    $('login-form').reset();
    $('app').hidden = true;
    $('user').hidden = true;
    $('login').hidden = false;
    $('username').focus();
  }

  async function api(path) {
    const response = await fetch(API + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (response.status === 401) {
      showLogin();
      throw new Error('未登录');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = (body.fields || []).map((f) => f.field + '：' + f.reason).join('；');
      throw new Error((body.message || ('请求失败（' + response.status + '）')) + (fields ? '（' + fields + '）' : ''));
    }
    return body;
  }

  // ---- the list -----------------------------------------------------------------------------

  function filters() {
    const params = new URLSearchParams();
    for (const name of ['item', 'from', 'to', 'status', 'grade']) {
      const value = $('f-' + name).value;
      if (value) {
        params.set(name, value);
      }
    }
    return params;
  }

  async function loadList() {
    const params = filters();
    params.set('page', page);
    params.set('size', PAGE_SIZE);
    $('list-error').hidden = true;
    updatePeriodReportLinks();
    let result;
    try {
      result = await api('/instances?' + params);
    } catch (e) {
      $('list-error').textContent = e.message;
      $('list-error').hidden = false;
      return;
    }
    const rows = $('instances').tBodies[0];
    rows.replaceChildren();
    for (const row of result.items) {
      const tr = document.createElement('tr');
      tr.dataset.id = row.processInstanceId;
      tr.className = 'instance-row';
      cells(tr, [row.item + ' ' + row.itemName, row.processName, row.title || row.businessKey || row.processInstanceId,
        row.grade ? row.grade + ' 级' + (row.gradeName ? '（' + row.gradeName + '）' : '') : '—',
        row.state === 'COMPLETED' ? '已结束' : '进行中', time(row.start), time(row.end), row.startedBy || '—']);
      tr.addEventListener('click', () => { location.hash = '#instance=' + row.processInstanceId; });
      rows.appendChild(tr);
    }
    if (!result.items.length) {
      const tr = document.createElement('tr');
      cells(tr, ['没有符合条件的流程实例。']).firstChild.colSpan = 8;
      rows.appendChild(tr);
    }
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    $('page-info').textContent = '第 ' + (result.page + 1) + ' / ' + pages + ' 页，共 ' + result.total + ' 个流程实例';
    $('prev').disabled = result.page === 0;
    $('next').disabled = result.page + 1 >= pages;
  }

  /** The period report needs an item; from/to narrow it. */
  function updatePeriodReportLinks() {
    const params = filters();
    params.delete('status');
    params.delete('grade');
    const shown = !!params.get('item');
    $('period-report-html').hidden = !shown;
    $('period-report-pdf').hidden = !shown;
    if (shown) {
      $('period-report-html').href = API + '/summary/report?' + params + '&format=html';
      $('period-report-pdf').href = API + '/summary/report?' + params + '&format=pdf';
    }
  }

  // ---- one instance: diagram and trace -------------------------------------------------------

  async function showInstance(id) {
    let trace, diagram;
    try {
      [trace, diagram] = await Promise.all([api('/instances/' + encodeURIComponent(id)),
        api('/instances/' + encodeURIComponent(id) + '/diagram')]);
    } catch (e) {
      $('list-error').textContent = e.message;
      $('list-error').hidden = false;
      return;
    }
    $('detail').hidden = false;
    $('detail-title').textContent = trace.processName + ' · 服务项目 ' + trace.item;
    $('detail-meta').textContent = '流程实例 ' + trace.processInstanceId + ' · '
      + (trace.state === 'COMPLETED' ? '已结束' : '进行中') + ' · 开始 ' + time(trace.start)
      + (trace.end ? ' · 结束 ' + time(trace.end) : '');
    $('report-html').href = API + '/instances/' + encodeURIComponent(id) + '/report?format=html';
    $('report-pdf').href = API + '/instances/' + encodeURIComponent(id) + '/report?format=pdf';
    document.querySelectorAll('.instance-row').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === id));
    renderTrace(trace);
    await renderDiagram(diagram);
    $('detail').scrollIntoView({behavior: 'smooth', block: 'start'});
  }

  function renderTrace(trace) {
    const rows = $('trace').tBodies[0];
    rows.replaceChildren();
    for (const clause of trace.clauses) {
      const tr = document.createElement('tr');
      tr.dataset.clause = clause.clause;
      const status = STATUS_NAMES[clause.status] + (clause.late ? '，超时' : '') + (clause.outOfOrder ? '，顺序异常' : '');
      const steps = clause.steps.map((s) => (s.name || s.activityId) + '：' + (s.actor || '系统') + ' '
        + time(s.start) + (s.end ? ' 至 ' + time(s.end) : ' 起（未完成）') + (s.due ? '，期限 ' + time(s.due) : '')).join('\n');
      cells(tr, [clause.clause, clause.text, status, steps || '—']);
      tr.children[2].className = 'status ' + (clause.late ? 'late' : (BADGE_CLASSES[clause.status] || 'elsewhere'));
      tr.children[3].className = 'pre';
      rows.appendChild(tr);
    }
  }

  async function renderDiagram(diagram) {
    if (!viewer) {
      viewer = new BpmnJS({container: '#canvas'});
    }
    await viewer.importXML(diagram.bpmnXml);
    const canvas = viewer.get('canvas');
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    overlays.clear();
    const active = new Set(diagram.active);
    for (const id of diagram.executed) {
      if (registry.get(id)) {
        canvas.addMarker(id, active.has(id) ? 'audit-active' : 'audit-done');
      }
    }
    for (const id of diagram.takenFlows) {
      if (registry.get(id)) {
        canvas.addMarker(id, 'audit-flow-taken');
      }
    }
    for (const node of diagram.nodes) {
      // a deadline timer that never fired is no missing step: no badge for it
      if (!registry.get(node.activityId) || (node.type === 'boundaryEvent' && node.status === 'NOT_REACHED')) {
        continue;
      }
      const badge = document.createElement('div');
      badge.className = 'clause-badge ' + (node.late ? 'late' : BADGE_CLASSES[node.status]);
      badge.textContent = node.clauses.join(' ');
      badge.title = node.clauses.join('、') + ' · ' + STATUS_NAMES[node.status] + (node.late ? '，超时' : '');
      overlays.add(node.activityId, 'clause', {position: {top: -11, left: 0}, html: badge});
    }
    canvas.zoom('fit-viewport', 'auto');
  }

  // ---- helpers ------------------------------------------------------------------------------

  function cells(tr, values) {
    for (const value of values) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.appendChild(td);
    }
    return tr;
  }

  /** "2026-11-30T23:26:42.855+08:00" → "2026-11-30 23:26" (the API gives Beijing time). */
  function time(value) {
    return value ? value.substring(0, 16).replace('T', ' ') : '—';
  }

  function fromHash() {
    const match = /instance=([^&]+)/.exec(location.hash);
    if (match) {
      showInstance(decodeURIComponent(match[1]));
    }
  }

  async function start(userId) {
    $('login').hidden = true;
    $('app').hidden = false;
    $('user').hidden = false;
    $('user-name').textContent = '当前用户：' + userId;
    const items = await api('/items');
    const select = $('f-item');
    select.replaceChildren(select.options[0]);
    for (const item of items) {
      select.add(new Option(item.item + ' ' + item.name, item.item));
    }
    page = 0;
    await loadList();
    fromHash();
  }

  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); page = 0; loadList(); });
  $('prev').addEventListener('click', () => { page--; loadList(); });
  $('next').addEventListener('click', () => { page++; loadList(); });
  window.addEventListener('hashchange', fromHash);

  currentUser().then((userId) => userId ? start(userId) : showLogin(), showLogin);
})();
