/*
 * SecFlow · the auditors' history page: service processes by item, period, state and grade; the
 * BPMN diagram of one with the path it took and a badge per clause; its clause trace beside it.
 * Read-only. Logs in with the Camunda webapps' login, whose session /api accepts for GET.
 */
(function () {
  'use strict';

  const API = '/api/compliance';
  const STATUS_NAMES = {DONE: '已完成', PENDING: '进行中', NOT_REACHED: '未执行', ELSEWHERE: '由本项目其他流程承载'};
  const BADGE_CLASSES = {DONE: 'done', PENDING: 'pending', NOT_REACHED: 'not-reached'};
  const PAGE_SIZE = 15;
  const GROUP_NAMES = {management: '管理类', technical: '技术类', operations: '操作类', auditor: '审计', 'camunda-admin': '管理员'};

  const $ = (id) => document.getElementById(id);
  let page = 0;
  let viewer = null;
  /** The diagrams opened on the way down into shared steps; the last one is on the canvas. */
  let diagrams = [];

  // ---- login with the webapps' session (../shared/session.js) ---------------------------------

  const session = window.SecflowSession;

  async function logout() {
    await session.logout();
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
    for (const name of ['item', 'from', 'to', 'status', 'grade', 'q']) {
      const value = $('f-' + name).value.trim();
      if (value) {
        params.set(name, value);
      }
    }
    return params;
  }

  // An answer to an older request (the first unfiltered list, a page left already) must not
  // overwrite the list the auditor asked for last.
  let listRequest = 0;

  async function loadList() {
    const request = ++listRequest;
    const params = filters();
    params.set('page', page);
    params.set('size', PAGE_SIZE);
    $('list-error').hidden = true;
    updatePeriodReportLinks();
    let result;
    try {
      result = await api('/instances?' + params);
    } catch (e) {
      if (request !== listRequest) {
        return;
      }
      $('list-error').textContent = e.message;
      $('list-error').hidden = false;
      return;
    }
    if (request !== listRequest) {
      return;
    }
    const rows = $('instances').tBodies[0];
    rows.replaceChildren();
    for (const row of result.items) {
      const tr = document.createElement('tr');
      tr.dataset.id = row.processInstanceId;
      tr.className = 'instance-row';
      cells(tr, [row.item + ' ' + row.itemName, row.processName,
        row.subject || row.title || row.businessKey || row.processInstanceId,
        row.grade ? row.grade + ' 级' + (row.gradeName ? '（' + row.gradeName + '）' : '') : '—',
        row.state === 'COMPLETED' ? '已结束' : '进行中', time(row.start), time(row.end), row.startedBy || '—']);
      tr.children[2].className = 'subject';
      tr.children[2].title = '流程实例 ' + row.processInstanceId;
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
    params.delete('q');
    const shown = !!params.get('item');
    $('period-report-html').hidden = !shown;
    $('period-report-pdf').hidden = !shown;
    if (shown) {
      $('period-report-html').href = API + '/summary/report?' + params + '&format=html';
      $('period-report-pdf').href = API + '/summary/report?' + params + '&format=pdf';
    }
  }

  // ---- one instance: diagram and trace -------------------------------------------------------

  let instanceRequest = 0;

  async function showInstance(id) {
    const request = ++instanceRequest;
    let trace, diagram;
    try {
      [trace, diagram] = await Promise.all([api('/instances/' + encodeURIComponent(id)),
        api('/instances/' + encodeURIComponent(id) + '/diagram')]);
    } catch (e) {
      if (request !== instanceRequest) {
        return;
      }
      $('list-error').textContent = e.message;
      $('list-error').hidden = false;
      return;
    }
    if (request !== instanceRequest) { // another row was opened meanwhile
      return;
    }
    $('detail').hidden = false;
    $('detail-title').textContent = trace.processName + ' · 服务项目 ' + trace.item;
    $('detail-meta').textContent = (trace.subject ? '事项 ' + trace.subject + ' · ' : '')
      + '流程实例 ' + trace.processInstanceId + ' · '
      + (trace.state === 'COMPLETED' ? '已结束' : '进行中') + ' · 开始 ' + time(trace.start)
      + (trace.end ? ' · 结束 ' + time(trace.end) : '');
    $('report-html').href = API + '/instances/' + encodeURIComponent(id) + '/report?format=html';
    $('report-pdf').href = API + '/instances/' + encodeURIComponent(id) + '/report?format=pdf';
    document.querySelectorAll('.instance-row').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === id));
    renderTrace(trace);
    diagrams = [diagram];
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
      cells(tr, [clause.clause, clause.text, status, '']);
      tr.children[2].className = 'status ' + (clause.late ? 'late' : (BADGE_CLASSES[clause.status] || 'elsewhere'));
      const steps = tr.children[3];
      steps.className = 'steps';
      if (!clause.steps.length) {
        steps.textContent = '—';
      }
      for (const step of clause.steps) {
        steps.appendChild(stepLine(step, true));
        if (step.called) {
          steps.appendChild(calledSteps(step.called));
        } else {
          fields(steps, step.fields);
        }
      }
      rows.appendChild(tr);
    }
  }

  function person(step) {
    return (step.actor || '系统') + (step.actorGroup
      ? '（' + step.actorGroup.split(',').map((g) => GROUP_NAMES[g] || g).join('、') + '）' : '');
  }

  function stepLine(step, withDue) {
    const div = document.createElement('div');
    div.className = 'step';
    div.textContent = (step.name || step.activityId) + '：' + person(step) + ' ' + time(step.start)
      + (step.end ? ' 至 ' + time(step.end) : ' 起（未完成）') + (withDue && step.due ? '，期限 ' + time(step.due) : '');
    return div;
  }

  function fields(parent, list) {
    for (const field of list || []) {
      const div = document.createElement('div');
      div.className = 'field';
      div.textContent = field.label + '：' + field.value;
      parent.appendChild(div);
    }
  }

  /** What was done inside a shared step, round by round, and a link to its own diagram. */
  function calledSteps(called) {
    const box = document.createElement('div');
    const head = document.createElement('div');
    head.className = 'called-head';
    head.textContent = '共用步骤「' + called.processName + '」'
      + (called.rounds > 1 ? '，共 ' + called.rounds + ' 轮（退回后重做 ' + (called.rounds - 1) + ' 次）' : '') + '：';
    const link = document.createElement('a');
    link.className = 'show-called';
    link.dataset.id = called.processInstanceId;
    link.textContent = '查看其流程图';
    link.addEventListener('click', () => openCalled(called.processInstanceId));
    head.appendChild(link);
    box.appendChild(head);
    for (const step of called.steps) {
      const inner = document.createElement('div');
      inner.className = 'inner';
      const line = stepLine(step, false);
      if (called.rounds > 1) {
        line.textContent = '第 ' + step.round + ' 轮 · ' + line.textContent;
      }
      inner.appendChild(line);
      fields(inner, step.fields);
      box.appendChild(inner);
    }
    return box;
  }

  /** Opens the diagram of a shared step (call activity) with its own path; 返回上级流程 goes back. */
  async function openCalled(processInstanceId) {
    let diagram;
    try {
      diagram = await api('/instances/' + encodeURIComponent(processInstanceId) + '/diagram');
    } catch (e) {
      $('list-error').textContent = e.message;
      $('list-error').hidden = false;
      return;
    }
    diagrams.push(diagram);
    await renderDiagram(diagram);
    $('canvas').scrollIntoView({behavior: 'smooth', block: 'nearest'});
  }

  async function back() {
    if (diagrams.length > 1) {
      diagrams.pop();
      await renderDiagram(diagrams[diagrams.length - 1]);
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
    // a call activity opens into the shared step it started, once per run (e.g. implemented again after a rollback)
    for (const [activityId, instances] of Object.entries(diagram.calls || {})) {
      const shape = registry.get(activityId);
      if (!shape) {
        continue;
      }
      const buttons = document.createElement('div');
      instances.forEach((id, index) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'open-called';
        button.dataset.id = id;
        button.textContent = instances.length > 1 ? '展开第 ' + (index + 1) + ' 次' : '展开';
        button.title = '查看该共用步骤内部的执行路径';
        button.addEventListener('click', (event) => { event.stopPropagation(); openCalled(id); });
        buttons.appendChild(button);
      });
      overlays.add(activityId, 'called', {position: {bottom: -4, left: 0}, html: buttons});
    }
    const path = diagrams.map((d) => d.caller ? d.processName + '（由「' + d.caller.name + '」' + d.caller.clause + ' 调用）'
      : d.processName + (d.subject ? ' · ' + d.subject : ''));
    $('diagram-where').textContent = path.join(' › ');
    $('diagram-path').hidden = diagrams.length < 2;
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
    // a link (e.g. from the dashboard) may carry the filters: /audit/?item=7.5.1&status=running&grade=II
    const query = new URLSearchParams(location.search);
    for (const name of ['item', 'from', 'to', 'status', 'grade', 'q']) {
      if (query.get(name)) {
        $('f-' + name).value = query.get(name);
      }
    }
    page = 0;
    await loadList();
    fromHash();
  }

  session.loginForm('流程历史与合规追溯', start);
  $('logout').addEventListener('click', logout);
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); page = 0; loadList(); });
  $('prev').addEventListener('click', () => { page--; loadList(); });
  $('diagram-back').addEventListener('click', back);
  $('next').addEventListener('click', () => { page++; loadList(); });
  window.addEventListener('hashchange', fromHash);

  session.currentUser().then((userId) => userId ? start(userId) : showLogin(), showLogin);
})();
