/*
 * SecFlow · 流程建模工作台 (the studio): open any deployed version of a model in the Camunda 7 modeler, keep changes
 * as a draft on the server, check it with the deploy-time check (markers on the elements), edit a task's form in
 * the form-js editor of the Tasklist's line, see what changed, deploy, and move running instances to the new
 * version with the engine's migration API.
 */
(function () {
  'use strict';

  const API = '/api/studio';
  const session = window.SecflowSession;
  const $ = (id) => document.getElementById(id);
  const CHANGE_NAMES = {ADDED: '新增', REMOVED: '删除', CHANGED: '修改', LAYOUT: '仅位置'};
  const STATE_NAMES = {MIGRATED: '已迁移', FAILED: '失败', NOT_MIGRATED: '未迁移', PENDING: '进行中', ENDED: '已结束'};

  let modeler = null;
  let models = [];
  /** What is on the canvas: a deployed version (draft null) or a draft (with its forms and revision). */
  let current = {definitionId: null, processKey: null, draft: null, forms: {}};
  let markers = [];
  let formEditor = null;
  let plan = null;

  // ---- login ------------------------------------------------------------------------------------------

  function showLogin() {
    $('app').hidden = true;
    $('user').hidden = true;
    $('login').hidden = false;
  }

  async function start(user) {
    $('login').hidden = true;
    $('user').hidden = false;
    $('user-name').textContent = '当前用户：' + user;
    try {
      const templates = await session.api('GET', API + '/element-templates');
      $('app').hidden = false;
      if (!modeler) {
        modeler = new window.BpmnModeler({container: '#canvas', propertiesPanel: {parent: '#properties'},
          elementTemplates: templates});
      }
      await loadLists();
    } catch (e) {
      $('app').hidden = true;
      $('login-error').textContent = e.status === 403 ? '该账号没有部署权限，不能使用流程建模工作台。' : e.message;
      $('login-error').hidden = false;
      $('login').hidden = false;
    }
  }

  // ---- lists --------------------------------------------------------------------------------------------

  async function loadLists() {
    models = await session.api('GET', API + '/models');
    drawModels();
    const drafts = await session.api('GET', API + '/drafts');
    const list = $('drafts');
    list.replaceChildren();
    for (const draft of drafts) {
      const li = document.createElement('li');
      const link = document.createElement('span');
      link.className = 'version draft';
      link.dataset.draft = draft.id;
      link.textContent = '草稿 #' + draft.id + ' · ' + draft.processKey + ' · 第 ' + draft.revision + ' 版 · '
        + draft.updatedBy + ' · ' + time(draft.updatedAt);
      link.addEventListener('click', () => openDraft(draft.id));
      li.appendChild(link);
      list.appendChild(li);
    }
    if (!drafts.length) {
      list.innerHTML = '<li class="hint">没有草稿。</li>';
    }
  }

  function drawModels() {
    const filter = $('model-filter').value.trim().toLowerCase();
    const list = $('models');
    list.replaceChildren();
    for (const model of models) {
      if (filter && !(model.name + ' ' + model.key).toLowerCase().includes(filter)) {
        continue;
      }
      const li = document.createElement('li');
      li.dataset.key = model.key;
      const title = document.createElement('strong');
      title.textContent = model.name + '（' + model.key + '）';
      li.appendChild(title);
      for (const version of model.versions) {
        const link = document.createElement('span');
        link.className = 'version' + (version.definitionId === current.definitionId && !current.draft ? ' open' : '');
        link.dataset.definition = version.definitionId;
        link.textContent = '第 ' + version.version + ' 版 · ' + time(version.deployedAt) + ' · '
          + (version.deployedBy || '系统') + ' · 运行 ' + version.running + ' / 结束 ' + version.finished;
        link.addEventListener('click', () => openVersion(model.key, version.definitionId));
        li.appendChild(link);
      }
      list.appendChild(li);
    }
  }

  // ---- opening ------------------------------------------------------------------------------------------

  async function openVersion(key, definitionId) {
    const response = await fetch(API + '/definitions/' + encodeURIComponent(definitionId) + '/bpmn',
      {credentials: 'same-origin'});
    if (!response.ok) {
      return say('无法读取模型（' + response.status + '）', true);
    }
    const forms = await session.api('GET', API + '/definitions/' + encodeURIComponent(definitionId) + '/forms');
    current = {definitionId, processKey: key, draft: null, forms};
    await show(await response.text());
    const model = models.find((m) => m.key === key);
    const version = model && model.versions.find((v) => v.definitionId === definitionId);
    $('editing').textContent = (model ? model.name : key) + ' · 第 ' + (version ? version.version : '?')
      + ' 版（已部署，只读；修改请新建草稿）';
    buttons();
    drawModels();
  }

  async function openDraft(id) {
    const draft = await session.api('GET', API + '/drafts/' + id);
    current = {definitionId: draft.baseDefinitionId, processKey: draft.processKey, draft, forms: draft.forms};
    await show(draft.bpmnXml);
    describeDraft();
    buttons();
  }

  function describeDraft() {
    const draft = current.draft;
    $('editing').textContent = '草稿 #' + draft.id + ' · ' + draft.processKey + ' · 第 ' + draft.revision
      + ' 版 · 最后由 ' + draft.updatedBy + ' 于 ' + time(draft.updatedAt) + ' 保存';
  }

  async function show(xml) {
    clearMarkers();
    $('problems-card').hidden = true;
    $('diff-card').hidden = true;
    $('migration').hidden = true;
    $('message').hidden = true;
    await modeler.importXML(xml);
    modeler.get('canvas').zoom('fit-viewport');
  }

  function buttons() {
    const draft = !!current.draft;
    $('new-draft').disabled = draft || !current.definitionId;
    for (const id of ['check', 'save', 'edit-form', 'deploy', 'discard']) {
      $(id).disabled = !draft;
    }
    const model = models.find((m) => m.key === current.processKey);
    const versions = model ? model.versions : [];
    const oldest = versions.length && versions[versions.length - 1].definitionId === current.definitionId;
    $('diff').disabled = !draft && (versions.length < 2 || oldest);
    $('diff').textContent = draft ? '与基础版本比较' : '与上一版本比较';
    $('migrate').disabled = !current.processKey;
  }

  async function newDraft() {
    try {
      const draft = await session.api('POST', API + '/drafts', {definitionId: current.definitionId});
      await loadLists();
      await openDraft(draft.id);
      say('已新建草稿 #' + draft.id + '：修改后保存，检查通过即可部署。');
    } catch (e) {
      say(e.message, true);
    }
  }

  // ---- check, save, deploy ------------------------------------------------------------------------------

  async function xml() {
    return (await modeler.saveXML({format: true})).xml;
  }

  /**
   * The deploy-time check of the server (the one that refuses) and Camunda's linter for 7.24 in the browser
   * (bpmnlint's correctness rules and camunda-compat's: what the engine would reject or run otherwise than drawn).
   */
  async function check() {
    try {
      const bpmnXml = await xml();
      const [answer, lintProblems] = await Promise.all([
        session.api('POST', API + '/check', {processKey: current.processKey, bpmnXml, forms: current.forms}),
        lint(bpmnXml)]);
      const problems = answer.problems.concat(lintProblems);
      showProblems(problems);
      say(problems.length ? '检查发现 ' + problems.length + ' 个问题（部署检查 ' + answer.problems.length
        + ' 个，Camunda 7.24 建模规则 ' + lintProblems.length + ' 个），已在图上标出。' : '检查通过，可以部署。',
        problems.length > 0);
    } catch (e) {
      say(e.message, true);
    }
  }

  /** The linter's errors, warnings and hints; its messages are Camunda's own, in English. */
  async function lint(bpmnXml) {
    const kinds = {error: '错误', warn: '警告', info: '提示'};
    return (await window.SecflowLint.lint(bpmnXml)).map(report => ({elementId: report.id,
      message: 'Camunda 7.24 建模规则 ' + report.rule + '（' + (kinds[report.category] || report.category) + '）：'
        + report.message}));
  }

  async function save() {
    try {
      current.draft = await session.api('PUT', API + '/drafts/' + current.draft.id,
        {revision: current.draft.revision, bpmnXml: await xml(), forms: current.forms});
      current.forms = current.draft.forms;
      describeDraft();
      say('草稿已保存（第 ' + current.draft.revision + ' 版）。');
      await loadLists();
      return true;
    } catch (e) {
      if (e.status === 409) {
        await conflict(e.answer);
      } else {
        say(e.message, true);
      }
      return false;
    }
  }

  /** Someone saved the draft in between: say who and when, and list what they changed against this editor. */
  async function conflict(answer) {
    const theirs = answer.current;
    say(answer.message + '。下表列出对方保存的版本与您编辑中的版本的不同；可“载入对方的版本”后再修改。', true);
    const changes = await session.api('POST', API + '/diff', {beforeXml: await xml(), afterXml: theirs.bpmnXml});
    showDiff(changes, '对方保存的版本（第 ' + theirs.revision + ' 版）与您的修改之差异', false);
    const load = document.createElement('button');
    load.type = 'button';
    load.textContent = '载入对方的版本';
    load.addEventListener('click', () => openDraft(theirs.id));
    $('message').appendChild(load);
  }

  async function deploy() {
    if (!(await save())) {
      return;
    }
    try {
      const deployed = await session.api('POST', API + '/drafts/' + current.draft.id + '/deploy',
        {revision: current.draft.revision});
      const base = current.definitionId;
      await loadLists();
      await openVersion(deployed.key, deployed.definitionId);
      if (base) {
        await openMigration(base, deployed.definitionId);
      }
      say('已部署 ' + deployed.key + ' 第 ' + deployed.version + ' 版。可将旧版本中运行的实例迁移到新版本。');
    } catch (e) {
      if (e.answer && e.answer.problems) {
        showProblems(e.answer.problems);
      }
      say(e.message, true);
    }
  }

  async function discard() {
    if (!window.confirm('放弃草稿 #' + current.draft.id + '？')) {
      return;
    }
    await session.api('DELETE', API + '/drafts/' + current.draft.id);
    const base = current.definitionId;
    await loadLists();
    if (base) {
      await openVersion(current.processKey, base);
    }
  }

  function showProblems(problems) {
    clearMarkers();
    const list = $('problems');
    list.replaceChildren();
    const registry = modeler.get('elementRegistry');
    const counts = {};
    for (const problem of problems) {
      const li = document.createElement('li');
      if (problem.elementId && registry.get(problem.elementId)) {
        const element = document.createElement('span');
        element.className = 'element';
        element.textContent = problem.elementId;
        element.addEventListener('click', () => modeler.get('selection').select(registry.get(problem.elementId)));
        li.append(element, ' ');
        counts[problem.elementId] = (counts[problem.elementId] || 0) + 1;
      }
      li.append((problem.clause ? '条款 ' + problem.clause + '：' : '') + problem.message);
      list.appendChild(li);
    }
    for (const [id, count] of Object.entries(counts)) {
      mark(id, 'problem');
      modeler.get('overlays').add(id, 'problem', {position: {top: -10, right: 10},
        html: '<div class="problem-badge" title="' + count + ' 个问题">' + count + '</div>'});
    }
    $('problems-card').hidden = problems.length === 0;
  }

  // ---- diff ---------------------------------------------------------------------------------------------

  /** A draft against the version it was made from; a deployed version against the version before it. */
  async function diff() {
    try {
      if (current.draft) {
        await save();
        const changes = await session.api('GET', API + '/diff?from=definition:'
          + encodeURIComponent(current.definitionId) + '&to=draft:' + current.draft.id);
        return showDiff(changes, '草稿与基础版本的差异（共 ' + changes.length + ' 处）', true);
      }
      const versions = models.find((m) => m.key === current.processKey).versions;
      const index = versions.findIndex((v) => v.definitionId === current.definitionId);
      const previous = versions[index + 1];
      const changes = await session.api('GET', API + '/diff?from=definition:' + encodeURIComponent(previous.definitionId)
        + '&to=definition:' + encodeURIComponent(current.definitionId));
      showDiff(changes, '第 ' + versions[index].version + ' 版与第 ' + previous.version + ' 版的差异（共 '
        + changes.length + ' 处）', true);
    } catch (e) {
      say(e.message, true);
    }
  }

  function showDiff(changes, title, markDiagram) {
    $('diff-title').textContent = title;
    const rows = $('diff-table').tBodies[0];
    rows.replaceChildren();
    if (markDiagram) {
      clearMarkers();
    }
    const registry = modeler.get('elementRegistry');
    for (const change of changes) {
      const tr = document.createElement('tr');
      tr.className = 'diff-row';
      tr.dataset.element = change.id;
      tr.dataset.change = change.change;
      const properties = change.properties.map((p) => p.property + '：' + (p.before ?? '（无）') + ' → ' + (p.after ?? '（无）'));
      for (const text of [CHANGE_NAMES[change.change], change.id, change.name || '', change.clause || '', properties.join('；')]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      tr.firstChild.className = 'change-' + change.change;
      rows.appendChild(tr);
      if (markDiagram && change.change !== 'REMOVED' && registry.get(change.id)) {
        mark(change.id, 'diff-' + change.change.toLowerCase());
      }
    }
    $('diff-card').hidden = false;
  }

  function mark(id, marker) {
    modeler.get('canvas').addMarker(id, marker);
    markers.push([id, marker]);
  }

  function clearMarkers() {
    if (!modeler) {
      return;
    }
    const canvas = modeler.get('canvas');
    for (const [id, marker] of markers) {
      if (modeler.get('elementRegistry').get(id)) {
        canvas.removeMarker(id, marker);
      }
    }
    markers = [];
    modeler.get('overlays').remove({type: 'problem'});
  }

  // ---- forms --------------------------------------------------------------------------------------------

  /** The form of the selected user task in the form-js editor; a new form when the task names one not yet made. */
  async function editForm() {
    const selected = modeler.get('selection').get()[0];
    const bo = selected && selected.businessObject;
    if (!bo || bo.$type !== 'bpmn:UserTask') {
      return say('请先在图中选中一个用户任务。', true);
    }
    const formRef = bo.get('camunda:formRef');
    if (!formRef) {
      return say('请先在属性面板中为该任务填写表单 id（formRef）。', true);
    }
    const schema = current.forms[formRef] || {type: 'default', id: formRef, schemaVersion: 16,
      executionPlatform: 'Camunda Platform', executionPlatformVersion: '7.24.0',
      components: [{type: 'text', id: 'Text_heading', text: '### ' + (bo.name || formRef)}]};
    $('form-title').textContent = '表单 ' + formRef + '（任务“' + (bo.name || bo.id) + '”）';
    $('form-editor').replaceChildren();
    $('form-editor').hidden = false;
    $('form-preview').hidden = true;
    $('form-dialog').showModal();
    formEditor = await window.FormEditor.createFormEditor({container: $('form-editor'), schema});
    $('form-apply').dataset.formRef = formRef;
  }

  function applyForm() {
    const schema = formEditor.saveSchema();
    const formRef = $('form-apply').dataset.formRef;
    schema.id = formRef; // the task finds its form by this id
    current.forms = Object.assign({}, current.forms, {[formRef]: schema});
    closeForm();
    say('表单 ' + formRef + ' 已放入草稿，保存草稿后生效。');
  }

  async function previewForm() {
    const preview = $('form-preview');
    if (!preview.hidden) {
      preview.hidden = true;
      $('form-editor').hidden = false;
      return;
    }
    preview.replaceChildren();
    await window.FormViewer.createForm({container: preview, schema: formEditor.saveSchema(), data: {}});
    preview.hidden = false;
    $('form-editor').hidden = true;
  }

  function closeForm() {
    if (formEditor) {
      formEditor.destroy();
      formEditor = null;
    }
    $('form-dialog').close();
  }

  // ---- migration ----------------------------------------------------------------------------------------

  async function openMigration(source, target) {
    const model = models.find((m) => m.key === current.processKey);
    if (!model) {
      return;
    }
    for (const select of [$('m-source'), $('m-target')]) {
      select.replaceChildren(...model.versions.map((v) =>
        new Option('第 ' + v.version + ' 版（运行 ' + v.running + '）', v.definitionId)));
    }
    $('m-source').value = source || (model.versions[1] || model.versions[0]).definitionId;
    $('m-target').value = target || model.versions[0].definitionId;
    for (const id of ['m-activities', 'm-validate', 'm-run', 'm-results', 'm-incidents']) {
      $(id).hidden = true;
    }
    $('m-status').textContent = '';
    $('migration').hidden = false;
    $('migration').scrollIntoView({block: 'start'});
  }

  async function generatePlan(event) {
    event.preventDefault();
    try {
      plan = await session.api('POST', API + '/migrations/plan',
        {sourceDefinitionId: $('m-source').value, targetDefinitionId: $('m-target').value});
      await drawPlan();
    } catch (e) {
      $('m-status').textContent = e.message;
    }
  }

  /** Each active activity of the source with its target: the engine's mapping, or a choice where it found none. */
  async function drawPlan() {
    const response = await fetch(API + '/definitions/' + encodeURIComponent(plan.targetDefinitionId) + '/bpmn',
      {credentials: 'same-origin'});
    const targets = [...(await response.text()).matchAll(/<bpmn:(?:userTask|receiveTask|callActivity|subProcess|serviceTask|intermediateCatchEvent|task)\s[^>]*id="([^"]+)"[^>]*?(?:name="([^"]*)")?/g)]
      .map((m) => ({id: m[1], name: m[2] || ''}));
    const rows = $('m-activities').tBodies[0];
    rows.replaceChildren();
    for (const activity of plan.activeActivities) {
      const tr = document.createElement('tr');
      tr.dataset.activity = activity.activityId;
      const instruction = plan.instructions.find((i) => i.sourceActivityIds[0] === activity.activityId);
      const select = document.createElement('select');
      select.className = 'target';
      select.add(new Option('（未映射）', ''));
      for (const t of targets) {
        select.add(new Option(t.id + (t.name ? ' ' + t.name : ''), t.id));
      }
      select.value = instruction ? instruction.targetActivityIds[0] : '';
      for (const text of [activity.activityId, String(activity.instances), String(activity.incidents)]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      const cell = document.createElement('td');
      cell.appendChild(select);
      tr.appendChild(cell);
      rows.appendChild(tr);
    }
    $('m-activities').hidden = false;
    $('m-incidents').hidden = plan.instancesWithIncidents.length === 0;
    $('m-incidents').textContent = '注意：' + plan.instancesWithIncidents.length + ' 个实例有未处理的事件（incident）：'
      + plan.instancesWithIncidents.join('、');
    $('m-validate').hidden = false;
    $('m-run').hidden = false;
    $('m-run').textContent = '迁移全部 ' + plan.processInstanceIds.length + ' 个实例';
    $('m-status').textContent = '引擎按相同节点生成了 ' + plan.instructions.length + ' 条映射；请为未映射的节点选择目标后校验。';
  }

  /** The plan as edited: the engine's instructions for unchanged rows, the administrator's choice elsewhere. */
  function editedInstructions() {
    const instructions = plan.instructions.filter((i) =>
      !plan.activeActivities.some((a) => a.activityId === i.sourceActivityIds[0]));
    for (const tr of $('m-activities').tBodies[0].rows) {
      const target = tr.querySelector('select.target').value;
      if (target) {
        // the engine's choice for timers and messages of this activity; a chosen mapping moves no trigger
        const generated = plan.instructions.find((i) => i.sourceActivityIds[0] === tr.dataset.activity
          && i.targetActivityIds[0] === target);
        instructions.push({sourceActivityIds: [tr.dataset.activity], targetActivityIds: [target],
          updateEventTrigger: generated ? generated.updateEventTrigger : false});
      }
    }
    return instructions;
  }

  async function validatePlan() {
    try {
      await session.api('POST', API + '/migrations/validate', {sourceDefinitionId: plan.sourceDefinitionId,
        targetDefinitionId: plan.targetDefinitionId, instructions: editedInstructions()});
      $('m-status').textContent = '迁移计划有效。';
      return true;
    } catch (e) {
      $('m-status').textContent = e.message;
      return false;
    }
  }

  async function runMigration() {
    if (!(await validatePlan())) {
      return;
    }
    try {
      let run = await session.api('POST', API + '/migrations', {sourceDefinitionId: plan.sourceDefinitionId,
        targetDefinitionId: plan.targetDefinitionId, instructions: editedInstructions()});
      while (!run.progress.finished) {
        $('m-status').textContent = '批量迁移进行中：' + run.progress.done + ' / ' + run.progress.total
          + (run.progress.failedJobs ? '，失败 ' + run.progress.failedJobs : '');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        run = await session.api('GET', API + '/migrations/' + run.id);
      }
      const migrated = run.results.filter((r) => r.state === 'MIGRATED').length;
      $('m-status').textContent = '迁移完成：' + migrated + ' / ' + run.results.length + ' 个实例已迁移到目标版本。';
      const rows = $('m-results').tBodies[0];
      rows.replaceChildren();
      for (const result of run.results) {
        const tr = document.createElement('tr');
        for (const text of [result.processInstanceId, STATE_NAMES[result.state] || result.state, result.error || '']) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.appendChild(td);
        }
        rows.appendChild(tr);
      }
      $('m-results').hidden = false;
      await loadLists();
    } catch (e) {
      $('m-status').textContent = e.message;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  function say(text, bad) {
    $('message').textContent = text;
    $('message').className = 'message' + (bad ? ' bad' : '');
    $('message').hidden = false;
  }

  function time(value) {
    return value ? new Date(value).toLocaleString('zh-CN', {hour12: false}) : '—';
  }

  session.loginForm('流程建模工作台', start);
  $('logout').addEventListener('click', async () => {
    await session.logout();
    showLogin();
  });
  $('model-filter').addEventListener('input', drawModels);
  $('new-draft').addEventListener('click', newDraft);
  $('check').addEventListener('click', check);
  $('save').addEventListener('click', save);
  $('diff').addEventListener('click', diff);
  $('deploy').addEventListener('click', deploy);
  $('discard').addEventListener('click', discard);
  $('edit-form').addEventListener('click', editForm);
  $('form-apply').addEventListener('click', applyForm);
  $('form-close').addEventListener('click', closeForm);
  $('form-preview-toggle').addEventListener('click', previewForm);
  $('migrate').addEventListener('click', () => openMigration());
  $('migration-form').addEventListener('submit', generatePlan);
  $('m-validate').addEventListener('click', validatePlan);
  $('m-run').addEventListener('click', runMigration);

  // for automation and the browser's console: the modeler and the open form editor
  window.secflowStudio = {modeler: () => modeler, formEditor: () => formEditor};

  session.currentUser().then((user) => user ? start(user) : showLogin(), showLogin);
})();
