/*
 * SecFlow · 规则管理: the decision tables of the active rule set as editable tables; preview (the server builds
 * the change and lists the golden cases it changes), apply, version history with differences and rollback.
 * Logs in with the Camunda webapps' login; writes carry the session's CSRF token.
 */
(function () {
  'use strict';

  const API = '/api/rules';
  const GRADE_NAMES = {I: 'I 级（特别重大）', II: 'II 级（重大）', III: 'III 级（较大）', IV: 'IV 级（一般）'};
  const GROUPS = {management: '管理类', technical: '技术类', operations: '操作类'};
  const REPORTERS = ['关键信息基础设施运营者', '党政机关', '其他网络运营者'];
  const SLA_FIELDS = ['respondWithin', 'onSiteWithin', 'resolveWithin', 'reportWithin'];
  const LOSSES = ['特别严重', '严重', '较大', '较小'];
  const SOCIAL_IMPACTS = ['特别重大', '重大', '较大', '一般'];
  // GB/T 30279—2020: the indicators' names and dimensions (their values come with the tables)
  const INDICATORS = {accessPath: ['被利用性', '访问路径'], triggerRequirement: ['被利用性', '触发要求'],
    privilegeRequirement: ['被利用性', '权限需求'], interaction: ['被利用性', '交互条件'],
    confidentialityImpact: ['影响程度', '保密性影响'], integrityImpact: ['影响程度', '完整性影响'],
    availabilityImpact: ['影响程度', '可用性影响'], exploitCost: ['环境因素', '被利用成本'],
    fixDifficulty: ['环境因素', '修复难度'], impactScope: ['环境因素', '影响范围']};
  const VULNERABILITY_GRADES = ['超危', '高危', '中危', '低危'];
  const IMPACT_LEVELS = ['高', '中', '低', '无'];

  const $ = (id) => document.getElementById(id);
  let active = null;
  let previewed = null; // the request body of the last successful preview
  let editors = {}; // expert mode: the DRL editor of each hand-written file, by name

  // ---- login with the webapps' session (shared by our pages) ----

  const session = window.SecflowSession;

  /** A write to the rules API with the session's CSRF token: {ok, answer}, the answer of a refusal too. */
  async function write(path, json) {
    try {
      return {ok: true, answer: await session.api('POST', API + path, JSON.parse(json))};
    } catch (e) {
      return {ok: false, answer: e.answer || {message: e.message}};
    }
  }

  async function logout() {
    await session.logout();
    showLogin();
  }

  function showLogin() {
    $('login-form').reset();
    $('app').hidden = true;
    $('user').hidden = true;
    $('login').hidden = false;
  }

  async function get(path) {
    const response = await fetch(API + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (response.status === 401) {
      showLogin();
      throw new Error('未登录');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.message || ('请求失败（' + response.status + '）'));
    }
    return body;
  }

  // ---- durations as people read them ----

  function display(iso) {
    const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec((iso || '').trim());
    if (!match || iso.trim() === 'P' || iso.trim() === 'PT') {
      return '';
    }
    let seconds = (+match[1] || 0) * 86400 + (+match[2] || 0) * 3600 + (+match[3] || 0) * 60 + (+match[4] || 0);
    const parts = [];
    for (const [unit, size] of [['天', 86400], ['小时', 3600], ['分钟', 60], ['秒', 1]]) {
      if (seconds >= size) {
        parts.push(Math.floor(seconds / size) + ' ' + unit);
        seconds %= size;
      }
    }
    return parts.join(' ');
  }

  function durationInput(field, value) {
    const td = document.createElement('td');
    const input = document.createElement('input');
    input.type = 'text';
    input.value = value || '';
    input.dataset.field = field;
    const shown = document.createElement('span');
    shown.className = 'shown';
    shown.textContent = display(input.value);
    input.addEventListener('input', () => { shown.textContent = display(input.value); changed(); });
    td.append(input, shown);
    return td;
  }

  // ---- the tables ----

  function gradeSelect(field, grade) {
    const td = document.createElement('td');
    const select = document.createElement('select');
    select.dataset.field = field;
    for (const id of Object.keys(GRADE_NAMES)) {
      select.add(new Option(GRADE_NAMES[id], id, false, id === grade));
    }
    select.addEventListener('change', changed);
    td.appendChild(select);
    return td;
  }

  function numberInput(field, number, label) {
    const span = document.createElement('label');
    span.className = 'cell';
    const input = document.createElement('input');
    input.type = 'number';
    input.step = 'any';
    input.value = number === null || number === undefined ? '' : number;
    input.dataset.field = field;
    input.addEventListener('input', changed);
    span.append(label ? label + ' ' : '', input);
    return span;
  }

  /** The GB/T 30279 tables (absent in rule sets made before they were tables: their DRL holds them). */
  function renderVulnerability(grading) {
    $('vulnerability').hidden = !grading;
    if (!grading) {
      return;
    }
    const prefix = 'vulnerabilityGrading.';
    const points = $('vuln-points-table').tBodies[0];
    points.replaceChildren();
    for (const [field, values] of Object.entries(grading.points)) {
      const tr = points.insertRow();
      const [dimension, name] = INDICATORS[field] || ['', field];
      tr.insertCell().textContent = dimension;
      tr.insertCell().textContent = name;
      const td = tr.insertCell();
      for (const [value, p] of Object.entries(values)) {
        td.appendChild(numberInput(prefix + 'points.' + field + '.' + value, p, value));
      }
    }
    const levels = $('vuln-levels-table').tBodies[0];
    levels.replaceChildren();
    for (const [key, dimension, last] of [['exploitability', '被利用性', '低'], ['impact', '影响程度', '无']]) {
      const tr = levels.insertRow();
      tr.insertCell().textContent = dimension;
      const td = tr.insertCell();
      for (const [level, least] of Object.entries(grading[key])) {
        td.appendChild(numberInput(prefix + key + '.' + level, least, level + ' ≥'));
      }
      td.append('，其余为' + last);
    }
    const technical = $('vuln-technical-table').tBodies[0];
    technical.replaceChildren();
    grading.technical.forEach((row, i) => {
      const tr = technical.insertRow();
      tr.insertCell().textContent = row.exploitability;
      for (const level of IMPACT_LEVELS) {
        const select = document.createElement('select');
        select.dataset.field = prefix + 'technical[' + i + '].grades.' + level;
        for (const grade of VULNERABILITY_GRADES) {
          select.add(new Option(grade, grade, false, grade === row.grades[level]));
        }
        select.addEventListener('change', changed);
        tr.insertCell().appendChild(select);
      }
    });
    const other = $('vuln-other-table').tBodies[0];
    other.replaceChildren();
    const cvss = other.insertRow();
    cvss.insertCell().textContent = '无指标时按 CVSS 基本分';
    const cvssCells = cvss.insertCell();
    for (const [grade, least] of Object.entries(grading.cvssMinimum)) {
      cvssCells.appendChild(numberInput(prefix + 'cvssMinimum.' + grade, least, grade + ' ≥'));
    }
    cvssCells.append('，其余为低危');
    const environment = other.insertRow();
    environment.insertCell().textContent = '环境因素合计';
    const environmentCells = environment.insertCell();
    environmentCells.append(numberInput(prefix + 'raiseAtLeast', grading.raiseAtLeast, '≥'), ' 升一级；',
      numberInput(prefix + 'lowerAtMost', grading.lowerAtMost, '≤'), ' 降一级');
  }

  /** The GB/T 30279 tables as edited (null where the rule set has none). */
  function vulnerabilityRequest() {
    const grading = active.tables.vulnerabilityGrading;
    if (!grading) {
      return null;
    }
    const prefix = 'vulnerabilityGrading.';
    const number = (field) => {
      const text = value(prefix + field);
      return text === null || !Number.isFinite(Number(text)) ? text : Number(text);
    };
    const map = (key, cells) => Object.fromEntries(Object.keys(cells).map((k) => [k, number(key + '.' + k)]));
    return {
      points: Object.fromEntries(Object.entries(grading.points).map(([field, values]) => [field, map('points.' + field, values)])),
      exploitability: map('exploitability', grading.exploitability),
      impact: map('impact', grading.impact),
      technical: grading.technical.map((row, i) => ({exploitability: row.exploitability,
        grades: Object.fromEntries(IMPACT_LEVELS.map((level) => [level, value(prefix + 'technical[' + i + '].grades.' + level)]))})),
      cvssMinimum: map('cvssMinimum', grading.cvssMinimum),
      raiseAtLeast: number('raiseAtLeast'),
      lowerAtMost: number('lowerAtMost')
    };
  }

  function render(details) {
    active = details;
    $('active-version').textContent = '版本 ' + details.summary.version;
    $('active-reason').textContent = details.summary.reason + '（' + details.summary.createdBy + '，'
      + details.summary.createdAt.substring(0, 16).replace('T', ' ') + '）';
    const matrix = $('matrix-table').tBodies[0];
    matrix.replaceChildren();
    details.tables.grading.matrix.forEach((row, i) => {
      const tr = matrix.insertRow();
      tr.insertCell().textContent = row.objectImportance;
      for (const loss of LOSSES) {
        tr.appendChild(gradeSelect('grading.matrix[' + i + '].grades.' + loss, row.grades[loss]));
      }
    });
    const social = $('social-table').tBodies[0];
    social.replaceChildren();
    const socialRow = social.insertRow();
    socialRow.insertCell().textContent = '对应级别';
    for (const impact of SOCIAL_IMPACTS) {
      socialRow.appendChild(gradeSelect('grading.socialImpact.' + impact, details.tables.grading.socialImpact[impact]));
    }
    const sla = $('sla-table').tBodies[0];
    sla.replaceChildren();
    details.tables.sla.forEach((row, i) => {
      const tr = sla.insertRow();
      tr.dataset.grade = row.grade;
      tr.insertCell().textContent = GRADE_NAMES[row.grade] || row.grade;
      for (const field of SLA_FIELDS) {
        tr.appendChild(durationInput('sla[' + i + '].' + field, row[field]));
      }
      const select = document.createElement('select');
      select.dataset.field = 'sla[' + i + '].escalationGroup';
      for (const [id, name] of Object.entries(GROUPS)) {
        select.add(new Option(name, id, false, id === row.escalationGroup));
      }
      select.addEventListener('change', changed);
      tr.insertCell().appendChild(select);
    });
    const reporting = $('reporting-table').tBodies[0];
    reporting.replaceChildren();
    details.tables.reportingDuty.forEach((row, i) => {
      const tr = reporting.insertRow();
      tr.dataset.grade = row.grade;
      tr.insertCell().textContent = GRADE_NAMES[row.grade] || row.grade;
      const must = document.createElement('input');
      must.type = 'checkbox';
      must.checked = !!row.mustReport;
      must.dataset.field = 'reportingDuty[' + i + '].mustReport';
      must.addEventListener('change', changed);
      tr.insertCell().appendChild(must);
      tr.appendChild(durationInput('reportingDuty[' + i + '].summaryReportWithin', row.summaryReportWithin));
      for (const reporter of REPORTERS) {
        tr.appendChild(durationInput('reportingDuty[' + i + '].firstReportWithin.' + reporter,
          (row.firstReportWithin || {})[reporter]));
      }
    });
    renderVulnerability(details.tables.vulnerabilityGrading);
    $('expert').hidden = !details.expertMode;
    $('expert-off').hidden = details.expertMode;
    const files = $('drl-files');
    files.replaceChildren();
    editors = {};
    if (details.expertMode) {
      for (const file of details.drlFiles) {
        const label = document.createElement('h4');
        label.textContent = file.name;
        const holder = document.createElement('div');
        holder.className = 'drl-editor';
        holder.dataset.name = file.name;
        files.append(label, holder);
        editors[file.name] = window.SecflowDrlEditor.create(holder, file.content, changed);
      }
    }
    changed();
  }

  function value(field) {
    const input = document.querySelector('[data-field="' + CSS.escape(field) + '"]');
    if (!input) {
      return null;
    }
    if (input.type === 'checkbox') {
      return input.checked;
    }
    const text = input.value.trim();
    return text === '' ? null : text;
  }

  function request() {
    const sla = active.tables.sla.map((row, i) => {
      const edited = {grade: row.grade};
      for (const field of SLA_FIELDS) {
        edited[field] = value('sla[' + i + '].' + field);
      }
      edited.escalationGroup = value('sla[' + i + '].escalationGroup');
      return edited;
    });
    const reportingDuty = active.tables.reportingDuty.map((row, i) => {
      const firstReportWithin = {};
      for (const reporter of REPORTERS) {
        const within = value('reportingDuty[' + i + '].firstReportWithin.' + reporter);
        if (within !== null) {
          firstReportWithin[reporter] = within;
        }
      }
      return {grade: row.grade, mustReport: value('reportingDuty[' + i + '].mustReport'),
        summaryReportWithin: value('reportingDuty[' + i + '].summaryReportWithin'), firstReportWithin};
    });
    const grading = {
      matrix: active.tables.grading.matrix.map((row, i) => {
        const grades = {};
        for (const loss of LOSSES) {
          grades[loss] = value('grading.matrix[' + i + '].grades.' + loss);
        }
        return {objectImportance: row.objectImportance, grades};
      }),
      socialImpact: Object.fromEntries(SOCIAL_IMPACTS.map((impact) => [impact, value('grading.socialImpact.' + impact)]))
    };
    const body = {tables: {grading, sla, reportingDuty, vulnerabilityGrading: vulnerabilityRequest()},
      reason: $('reason').value.trim()};
    if (active.expertMode) {
      body.drlFiles = Object.entries(editors).map(([name, editor]) => ({name, content: editor.text()}));
    }
    return JSON.stringify(body);
  }

  function changed() {
    const ready = previewed !== null && previewed === request();
    $('apply').disabled = !ready;
    $('apply-hint').hidden = ready;
  }

  function showProblems(body) {
    document.querySelectorAll('.bad').forEach((el) => el.classList.remove('bad'));
    const list = $('messages');
    list.replaceChildren();
    const head = document.createElement('p');
    head.className = 'error';
    head.textContent = body.message || '请求失败';
    list.appendChild(head);
    // a rule set that does not build: each error on its line in its file's editor (and listed as a field below)
    const byFile = {};
    for (const error of body.errors || []) {
      (byFile[error.file] = byFile[error.file] || []).push(error);
    }
    for (const [name, editor] of Object.entries(editors)) {
      editor.showErrors(byFile[name] || []);
    }
    for (const field of body.fields || []) {
      const input = document.querySelector('[data-field="' + CSS.escape(field.field) + '"]');
      if (input) {
        input.classList.add('bad');
      }
      const line = document.createElement('p');
      line.className = 'error';
      line.textContent = field.field + '：' + field.reason;
      list.appendChild(line);
    }
  }

  async function check() {
    const body = request();
    $('messages').replaceChildren();
    $('preview').hidden = true;
    previewed = null;
    changed();
    const {ok, answer} = await write('/check', body);
    if (!ok) {
      showProblems(answer);
      return;
    }
    document.querySelectorAll('.bad').forEach((el) => el.classList.remove('bad'));
    Object.values(editors).forEach((editor) => editor.showErrors([]));
    $('incident-cases').textContent = answer.incidentCases;
    $('vulnerability-cases').textContent = answer.vulnerabilityCases;
    const changes = $('changes');
    changes.replaceChildren();
    for (const change of answer.changes) {
      const li = document.createElement('li');
      li.textContent = change.description;
      changes.appendChild(li);
    }
    if (answer.changes.length === 0) {
      changes.appendChild(Object.assign(document.createElement('li'), {textContent: '没有判定发生变化'}));
    }
    const cells = $('cells');
    cells.replaceChildren();
    for (const cell of answer.tableChanges) {
      const li = document.createElement('li');
      li.textContent = cell.cell + '：' + (cell.from || '空') + ' → ' + (cell.to || '空');
      cells.appendChild(li);
    }
    $('preview').hidden = false;
    previewed = body;
    changed();
  }

  async function apply() {
    const {ok, answer} = await write('/apply', previewed);
    if (!ok) {
      showProblems(answer);
      return;
    }
    previewed = null;
    $('reason').value = '';
    $('preview').hidden = true;
    $('messages').replaceChildren(Object.assign(document.createElement('p'),
      {className: 'ok', textContent: '版本 ' + answer.version + ' 已生效'}));
    await load();
  }

  async function rollback(version) {
    const reason = window.prompt('回退到版本 ' + version + ' 的原因');
    if (!reason) {
      return;
    }
    const {ok, answer} = await write('/versions/' + version + '/rollback', JSON.stringify({reason}));
    if (!ok) {
      showProblems(answer);
      return;
    }
    $('messages').replaceChildren(Object.assign(document.createElement('p'),
      {className: 'ok', textContent: '已回退：版本 ' + answer.version + '（与版本 ' + version + ' 相同）已生效'}));
    await load();
  }

  async function diff(version) {
    const answer = await get('/versions/' + version + '/diff');
    $('diff-title').textContent = '版本 ' + answer.from + ' → 版本 ' + answer.to;
    const cells = $('diff-cells');
    cells.replaceChildren();
    for (const cell of answer.tableChanges) {
      cells.appendChild(Object.assign(document.createElement('li'),
        {textContent: cell.cell + '：' + (cell.from || '空') + ' → ' + (cell.to || '空')}));
    }
    $('diff-lines').textContent = answer.fileChanges.map((file) => file.file + '（' + file.status + '）\n'
      + file.lines.map((line) => line.op + ' ' + line.line + ': ' + line.text).join('\n')).join('\n\n') || '规则文件相同';
    $('diff').hidden = false;
  }

  async function load() {
    try {
      render(await get('/active'));
      const versions = await get('/versions');
      const body = $('versions').tBodies[0];
      body.replaceChildren();
      for (const v of versions) {
        const tr = body.insertRow();
        tr.insertCell().textContent = v.version + (v.active ? '（当前）' : '');
        tr.insertCell().textContent = v.createdAt.substring(0, 19).replace('T', ' ');
        tr.insertCell().textContent = v.createdBy;
        tr.insertCell().textContent = v.reason;
        const actions = tr.insertCell();
        if (!v.active) {
          const compare = Object.assign(document.createElement('button'), {type: 'button', textContent: '与当前比较'});
          compare.addEventListener('click', () => diff(v.version));
          const back = Object.assign(document.createElement('button'), {type: 'button', textContent: '回退到此版本'});
          back.className = 'rollback';
          back.dataset.version = v.version;
          back.addEventListener('click', () => rollback(v.version));
          actions.append(compare, ' ', back);
        }
      }
      $('load-error').hidden = true;
    } catch (e) {
      $('load-error').textContent = e.message;
      $('load-error').hidden = false;
    }
  }

  async function start(userId) {
    $('login').hidden = true;
    $('app').hidden = false;
    $('user').hidden = false;
    $('user-name').textContent = '当前用户：' + userId;
    await load();
  }

  session.loginForm('规则管理', start);
  $('logout').addEventListener('click', logout);
  $('check').addEventListener('click', check);
  $('apply').addEventListener('click', apply);
  $('reason').addEventListener('input', changed);

  session.currentUser().then((userId) => userId ? start(userId) : showLogin(), showLogin);
})();
