/*
 * SecFlow · the dashboard (5.1.2 g): panels drawn with ECharts from GET /api/dashboard/summary, each linking to
 * the records behind it, each exportable as PNG and CSV; the whole view as PDF from the server. Filters live
 * in the URL. 大屏 mode (?screen=1 or /dashboard/screen): 1920×1080, dark, refreshes every 60 s, keeps the
 * last figures with their time while the server is unreachable and picks up again when it answers.
 */
(function () {
  'use strict';

  const API = '/api/dashboard';
  const REFRESH_MS = 60000;
  const RETRY_MS = 10000;
  const CACHE_KEY = 'secflow.dashboard.last';
  const STATE_NAMES = {OVERDUE: '已逾期', DUE_SOON: '即将到期', DONE: '已完成', SCHEDULED: '按计划'};
  const GRADE_NAMES = {I: 'I 级 特别重大', II: 'II 级 重大', III: 'III 级 较大', IV: 'IV 级 一般'};

  const $ = (id) => document.getElementById(id);
  const session = window.SecflowSession;
  const query = new URLSearchParams(location.search);
  const screen = query.get('screen') === '1' || /\/dashboard\/screen\/?$/.test(location.pathname);
  const charts = {};
  let timer = null;
  let last = null; // {summary, at}

  if (screen) {
    document.body.classList.add('screen');
  }

  // ---- login ----------------------------------------------------------------------------------

  function showLogin() {
    // a wall screen whose session ended keeps showing its last figures under the login
    $('app').hidden = !(screen && last);
    $('user').hidden = true;
    $('login').hidden = false;
    $('username').focus();
  }

  async function logout() {
    await session.logout();
    clearTimeout(timer);
    showLogin();
  }

  // ---- filters in the URL -----------------------------------------------------------------------

  function filters() {
    const params = new URLSearchParams();
    for (const name of ['from', 'to', 'unit', 'item']) {
      const value = $('f-' + name).value.trim();
      if (value) {
        params.set(name, value);
      }
    }
    return params;
  }

  function pageUrl(params, asScreen) {
    const shown = new URLSearchParams(params);
    if (asScreen) {
      shown.set('screen', '1');
    }
    const text = shown.toString();
    return '/dashboard/' + (text ? '?' + text : '');
  }

  function updateLinks(params) {
    $('to-screen').href = pageUrl(params, true);
    $('to-normal').href = pageUrl(params, false);
    $('pdf').href = API + '/report?' + params + (params.toString() ? '&' : '') + 'format=pdf';
  }

  // ---- loading and refreshing --------------------------------------------------------------------

  async function load() {
    clearTimeout(timer);
    const params = filters();
    updateLinks(params);
    let response;
    try {
      response = await fetch(API + '/summary?' + params, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    } catch (e) {
      offline();
      return;
    }
    if (response.status === 401) {
      // the session ended (e.g. the server restarted): the wall screen keeps its figures and asks for a login
      if (last) {
        status('会话已失效，显示 ' + clock(last.at) + ' 的数据；请重新登录', true);
      }
      showLogin();
      return;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body) {
      if (response.status >= 500 || !body) {
        offline();
        return;
      }
      const fields = (body.fields || []).map((f) => f.field + '：' + f.reason).join('；');
      $('error').textContent = (body.message || '查询失败') + (fields ? '（' + fields + '）' : '');
      $('error').hidden = false;
      return;
    }
    $('error').hidden = true;
    last = {summary: body, at: new Date().toISOString()};
    try {
      localStorage.setItem(CACHE_KEY, JSON.stringify(last));
    } catch (e) {
      // private mode: the figures stay in memory only
    }
    render(body);
    status('数据更新于 ' + clock(last.at) + (screen ? ' · 每 60 秒自动刷新' : ''), false);
    if (screen) {
      timer = setTimeout(load, REFRESH_MS);
    }
  }

  /** The server does not answer: keep (or bring back) the last figures with their time and try again. */
  function offline() {
    if (!last) {
      try {
        last = JSON.parse(localStorage.getItem(CACHE_KEY));
      } catch (e) {
        last = null;
      }
      if (last) {
        render(last.summary);
      }
    }
    status('服务器暂时无法连接' + (last ? '，显示 ' + clock(last.at) + ' 的数据' : '') + '，正在重新连接…', true);
    timer = setTimeout(load, RETRY_MS);
  }

  function status(text, bad) {
    $('status').textContent = text;
    $('status').classList.toggle('offline', bad);
    $('status').dataset.state = bad ? 'offline' : 'online';
  }

  // ---- panels -----------------------------------------------------------------------------------

  function render(s) {
    const params = filters();
    $('screen-filters').textContent = '统计期间 ' + s.from + ' 至 ' + s.to + ' · 使用方 ' + (s.unit || '全部')
      + ' · 服务项目 ' + (s.item || '全部') + ' · 生成于 ' + clock(s.generatedAt);
    // the wall screen keeps asking for the default period, so that it moves on with the days
    if (!screen && !$('f-from').value) {
      $('f-from').value = s.from;
      $('f-to').value = s.to;
    }
    const period = 'from=' + s.from + '&to=' + s.to;
    const panels = [
      incidentsPanel(s, period), trendPanel(s), breachesPanel(s, period),
      vulnerabilityStatesPanel(s), vulnerabilityWeeksPanel(s), hostsPanel(s),
      assetsPanel(s), ticketsPanel(s), heatmapPanel(s, period), measuresPanel(s, period), dutiesPanel(s)];
    const box = $('panels');
    const seen = new Set();
    for (const panel of panels) {
      seen.add(panel.id);
      let element = $('panel-' + panel.id);
      if (!element) {
        element = document.createElement('section');
        element.id = 'panel-' + panel.id;
        element.className = 'panel' + (panel.wide ? ' wide' : '');
        box.appendChild(element);
      }
      fill(element, panel);
    }
    for (const element of Array.from(box.children)) {
      if (!seen.has(element.id.substring(6))) {
        element.remove();
      }
    }
    updateLinks(params);
  }

  /** One panel: title, links to its records, PNG and CSV, its figures in words, and its chart or table. */
  function fill(element, panel) {
    element.replaceChildren();
    const head = document.createElement('div');
    head.className = 'head';
    const title = document.createElement('h2');
    title.textContent = panel.title;
    head.appendChild(title);
    const tools = document.createElement('span');
    tools.className = 'tools';
    for (const [text, href] of panel.links || []) {
      const a = document.createElement('a');
      a.textContent = text;
      a.href = href;
      a.target = '_blank';
      a.className = 'records';
      tools.appendChild(a);
    }
    if (panel.option) {
      tools.appendChild(action('PNG', 'png', () => png(panel)));
    }
    if (panel.csv) {
      tools.appendChild(action('CSV', 'csv', () => csv(panel)));
    }
    head.appendChild(tools);
    element.appendChild(head);
    if (panel.unavailable) {
      const p = document.createElement('p');
      p.className = 'unavailable';
      p.textContent = panel.unavailable;
      element.appendChild(p);
      disposeChart(panel.id);
      return;
    }
    const figures = document.createElement('div');
    figures.className = 'figures';
    for (const [label, value, key, bad] of panel.figures || []) {
      const span = document.createElement('span');
      span.append(label + ' ');
      const b = document.createElement('b');
      b.textContent = value;
      b.dataset.figure = key;
      if (bad) {
        b.className = 'bad';
      }
      span.append(b, '　');
      figures.appendChild(span);
    }
    element.appendChild(figures);
    if (panel.table) {
      const wrap = document.createElement('div');
      wrap.className = 'duties-box';
      wrap.appendChild(panel.table);
      element.appendChild(wrap);
    }
    if (panel.option) {
      const div = document.createElement('div');
      div.className = 'chart';
      element.appendChild(div);
      disposeChart(panel.id);
      const chart = echarts.init(div, screen ? 'dark' : null);
      chart.setOption(Object.assign({backgroundColor: 'transparent', animation: !screen}, panel.option));
      charts[panel.id] = chart;
    } else {
      disposeChart(panel.id);
    }
  }

  function disposeChart(id) {
    if (charts[id]) {
      charts[id].dispose();
      delete charts[id];
    }
  }

  function action(text, kind, run) {
    const a = document.createElement('a');
    a.textContent = text;
    a.className = 'export-' + kind;
    a.addEventListener('click', run);
    return a;
  }

  function unavailable(s, key, id, title, item) {
    if (s.unavailable && s.unavailable[key]) {
      return {id, title, unavailable: s.unavailable[key]};
    }
    return {id, title, unavailable: '所选服务项目不涉及本栏（属于 ' + item + '）'};
  }

  function incidentsPanel(s, period) {
    const id = 'incidents';
    const title = '未关闭事件 · 级别与时限状态';
    if (!s.incidents) {
      return unavailable(s, 'incidents', id, title, '7.5.1');
    }
    const rows = s.incidents.byGrade;
    const total = (field) => rows.reduce((sum, row) => sum + row[field], 0);
    const tasklist = '/camunda/app/tasklist/default/#/?searchQuery=' + encodeURIComponent(JSON.stringify(
      [{type: 'processDefinitionKey', operator: 'eq', value: 'emergencyResponse', name: ''}]));
    return {
      id, title,
      links: [['流程记录', '/audit/?item=7.5.1&status=running&' + period], ['任务', tasklist]],
      figures: [['未关闭', s.incidents.open, 'incidents-open'], ['已超时', total('missed'), 'incidents-missed', total('missed') > 0],
        ['即将超时', total('approaching'), 'incidents-approaching'], ['时限内', total('inTime'), 'incidents-in-time']]
        .concat(rows.filter((row) => row.total > 0).map((row) => [row.grade + ' 级', row.total + '（超时 ' + row.missed + '）',
          'incidents-' + row.grade, row.missed > 0])),
      option: {
        tooltip: {trigger: 'axis'}, legend: {top: 0},
        grid: {left: 40, right: 10, top: 30, bottom: 25},
        xAxis: {type: 'category', data: rows.map((row) => GRADE_NAMES[row.grade] || row.grade), axisLabel: {interval: 0, fontSize: 11}},
        yAxis: {type: 'value', minInterval: 1},
        color: ['#2e7d32', '#f9a825', '#c62828'],
        series: [['时限内', 'inTime'], ['即将超时', 'approaching'], ['已超时', 'missed']].map(([name, field]) =>
          ({name, type: 'bar', stack: 'sla', data: rows.map((row) => row[field])}))
      },
      csv: [['事件级别', '时限内', '即将超时', '已超时', '合计']].concat(rows.map((row) =>
        [row.grade, row.inTime, row.approaching, row.missed, row.total]))
    };
  }

  function trendPanel(s) {
    const id = 'trend';
    const title = '事件趋势（每周新增与关闭）';
    if (!s.incidents) {
      return unavailable(s, 'incidents', id, title, '7.5.1');
    }
    const weeks = s.incidents.trend;
    return {
      id, title, links: [['流程记录', '/audit/?item=7.5.1&from=' + s.from + '&to=' + s.to]],
      figures: [['期间新增', weeks.reduce((n, w) => n + w.opened, 0), 'incidents-reported'],
        ['期间关闭', weeks.reduce((n, w) => n + w.closed, 0), 'incidents-closed']],
      option: weekOption(weeks, '新增', '关闭', '#c62828', '#2e7d32'),
      csv: [['周（起）', '新增', '关闭']].concat(weeks.map((w) => [w.week, w.opened, w.closed]))
    };
  }

  function breachesPanel(s, period) {
    const stages = s.slaBreaches;
    const ttc = s.timeToControl;
    return {
      id: 'breaches', title: 'SLA 超时（按环节）· 平均控制时间',
      links: [['流程记录', '/audit/?item=7.5.1&' + period]],
      figures: [['超时合计', stages.reduce((n, st) => n + st.breaches, 0), 'breaches-total'],
        ['平均控制时间', ttc.meanMinutes == null ? '—' : ttc.meanMinutes + ' 分钟', 'time-to-control'],
        ['（' + ttc.incidents + ' 起处置结束）', '', 'time-to-control-basis']],
      option: {
        tooltip: {}, grid: {left: 40, right: 10, top: 20, bottom: 25},
        xAxis: {type: 'category', data: stages.map((st) => st.stage)},
        yAxis: {type: 'value', minInterval: 1},
        series: [{type: 'bar', name: '超时次数', data: stages.map((st) => st.breaches), itemStyle: {color: '#c62828'}}]
      },
      csv: [['环节', '超时次数']].concat(stages.map((st) => [st.stage, st.breaches]))
        .concat([['平均控制时间（分钟）', ttc.meanMinutes == null ? '' : ttc.meanMinutes]])
    };
  }

  function vulnerabilityStatesPanel(s) {
    const id = 'vulnerability-states';
    const title = '漏洞 · 级别与生命周期状态';
    const v = s.vulnerabilities;
    if (!v) {
      return unavailable(s, 'vulnerabilities', id, title, '7.4.2');
    }
    const states = [];
    v.byGradeAndState.forEach((g) => Object.keys(g.states).forEach((st) => { if (!states.includes(st)) { states.push(st); } }));
    const count = (g) => Object.values(g.states).reduce((n, c) => n + c, 0);
    return {
      id, title, links: [['漏洞列表', '/api/vulnerabilities']],
      figures: [['期间新发现（误报除外）', v.found, 'vulnerabilities-found']]
        .concat(v.byGradeAndState.map((g) => [g.grade, count(g), 'vulnerabilities-' + g.grade])),
      option: {
        tooltip: {trigger: 'axis'}, legend: {top: 0, type: 'scroll'},
        grid: {left: 40, right: 10, top: 30, bottom: 25},
        xAxis: {type: 'category', data: v.byGradeAndState.map((g) => g.grade)},
        yAxis: {type: 'value', minInterval: 1},
        series: states.map((st) => ({name: st, type: 'bar', stack: 'state', data: v.byGradeAndState.map((g) => g.states[st] || 0)}))
      },
      csv: [['级别'].concat(states)].concat(v.byGradeAndState.map((g) => [g.grade].concat(states.map((st) => g.states[st] || 0))))
    };
  }

  function vulnerabilityWeeksPanel(s) {
    const id = 'vulnerability-weeks';
    const title = '漏洞 · 每周新发现与修复 · 修复率';
    const v = s.vulnerabilities;
    if (!v) {
      return unavailable(s, 'vulnerabilities', id, title, '7.4.2');
    }
    const below = v.fixRate != null && v.fixRateTarget != null && v.fixRate < v.fixRateTarget;
    return {
      id, title, links: [['漏洞列表', '/api/vulnerabilities']],
      figures: [['修复率', percent(v.fixRate), 'fix-rate', below], ['目标', percent(v.fixRateTarget), 'fix-rate-target'],
        ['（已修复 ' + v.fixed + ' / ' + v.found + '）', '', 'fix-basis']],
      option: weekOption(v.perWeek, '新发现', '修复', '#e65100', '#2e7d32'),
      csv: [['周（起）', '新发现', '修复']].concat(v.perWeek.map((w) => [w.week, w.opened, w.closed]))
    };
  }

  function hostsPanel(s) {
    const id = 'hosts';
    const title = '未修复超危/高危漏洞最多的资产';
    const v = s.vulnerabilities;
    if (!v) {
      return unavailable(s, 'vulnerabilities', id, title, '7.4.2');
    }
    const hosts = v.topHosts.slice().reverse();
    return {
      id, title, links: [['漏洞列表', '/api/vulnerabilities?grade=超危'], ['高危', '/api/vulnerabilities?grade=高危']],
      figures: [['资产数', v.topHosts.length, 'hosts-count'],
        ['最多', v.topHosts.length ? v.topHosts[0].host + '（' + v.topHosts[0].openSevere + '）' : '—', 'hosts-top']],
      option: {
        tooltip: {}, grid: {left: 120, right: 20, top: 10, bottom: 25},
        xAxis: {type: 'value', minInterval: 1}, yAxis: {type: 'category', data: hosts.map((h) => h.host)},
        series: [{type: 'bar', name: '未修复超危/高危', data: hosts.map((h) => h.openSevere), itemStyle: {color: '#c62828'}}]
      },
      csv: [['资产（主机）', '未修复超危/高危漏洞']].concat(v.topHosts.map((h) => [h.host, h.openSevere]))
    };
  }

  function assetsPanel(s) {
    const id = 'assets';
    const title = '资产台账 · 类型与暴露面 · 定级备案';
    const a = s.assets;
    if (!a) {
      return unavailable(s, 'assets', id, title, '7.4.1');
    }
    const pie = (map) => Object.entries(map).map(([name, value]) => ({name, value}));
    const unit = s.unit ? '&ownerUnit=' + encodeURIComponent(s.unit) : '';
    return {
      id, title, links: [['台账', '/api/assets?' + unit.substring(1)], ['暴露在互联网', '/api/assets?exposure=互联网' + unit]],
      figures: [['在册', a.total, 'assets-total'], ['未定级', a.ungraded, 'assets-ungraded', a.ungraded > 0],
        ['未备案', a.unfiled, 'assets-unfiled', a.unfiled > 0], ['互联网', a.byExposure['互联网'] || 0, 'assets-internet'],
        ['政务外网', a.byExposure['政务外网'] || 0, 'assets-egov']],
      option: {
        tooltip: {trigger: 'item'},
        series: [
          {type: 'pie', name: '类型', radius: ['25%', '55%'], center: ['25%', '55%'], data: pie(a.byKind), label: {fontSize: 11}},
          {type: 'pie', name: '暴露面', radius: ['25%', '55%'], center: ['75%', '55%'], data: pie(a.byExposure), label: {fontSize: 11}}]
      },
      csv: [['分类', '值', '资产数']].concat(Object.entries(a.byKind).map(([k, n]) => ['类型', k, n]))
        .concat(Object.entries(a.byExposure).map(([k, n]) => ['暴露面', k, n]))
        .concat([['定级', '未定级', a.ungraded], ['备案', '未备案', a.unfiled]])
    };
  }

  function ticketsPanel(s) {
    const id = 'tickets';
    const title = '工单 · 状态与按时响应';
    const t = s.tickets;
    if (!t) {
      return unavailable(s, 'tickets', id, title, '7.3.1');
    }
    const below = t.responseInTimeRate != null && t.responseInTimeTarget != null && t.responseInTimeRate < t.responseInTimeTarget;
    return {
      id, title, links: [['工单列表', '/api/tickets']],
      figures: [['工单', t.total, 'tickets-total'], ['按时响应率', percent(t.responseInTimeRate), 'tickets-in-time', below],
        ['（' + t.answeredInTime + ' / ' + t.total + '）', '', 'tickets-basis']],
      option: {
        tooltip: {trigger: 'item'},
        series: [{type: 'pie', name: '状态', radius: ['30%', '62%'], data: Object.entries(t.byStatus).map(([name, value]) => ({name, value}))}]
      },
      csv: [['状态', '工单数']].concat(Object.entries(t.byStatus)).concat([['按时响应', t.answeredInTime], ['已响应', t.answered]])
    };
  }

  /** Service items × their sub-clauses: the share of the period's processes in which each was done, late marked. */
  function heatmapPanel(s, period) {
    const items = s.conformance.filter((i) => i.instances > 0 || s.item);
    const width = Math.max(1, ...items.map((i) => i.clauses.length));
    const data = [];
    items.forEach((i, y) => i.clauses.forEach((c, x) => {
      const share = i.instances ? Math.round(100 * c.done / i.instances) : 0;
      data.push({value: [x, y, share], clause: c, item: i});
    }));
    const late = items.reduce((n, i) => n + i.clauses.reduce((m, c) => m + c.late, 0), 0);
    return {
      id: 'heatmap', title: '条款执行热力图（服务项目 × 子条款，已完成占比）', wide: true,
      links: [['流程记录', '/audit/?' + period + (s.item ? '&item=' + s.item : '')]],
      figures: [['服务项目', items.length, 'heatmap-items'], ['流程', items.reduce((n, i) => n + i.instances, 0), 'heatmap-instances'],
        ['超时条款次数', late, 'heatmap-late', late > 0]],
      option: {
        tooltip: {formatter: (p) => p.data.item.item + ' ' + p.data.item.itemName + ' · ' + p.data.clause.clause
          + '<br>已完成 ' + p.data.clause.done + ' / ' + p.data.item.instances + '，进行中 ' + p.data.clause.pending
          + '，未执行 ' + p.data.clause.notReached + '，超时 ' + p.data.clause.late},
        grid: {left: 150, right: 20, top: 10, bottom: 70},
        xAxis: {type: 'category', data: Array.from({length: width}, (_, n) => '第' + (n + 1) + '款'), splitArea: {show: true}},
        yAxis: {type: 'category', data: items.map((i) => i.item + ' ' + i.itemName), inverse: true,
          axisLabel: {fontSize: 11, width: 140, overflow: 'truncate'}},
        visualMap: {min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
          text: ['全部完成', '未执行'], inRange: {color: ['#c62828', '#f9a825', '#2e7d32']}},
        series: [{type: 'heatmap', data, label: {show: false},
          itemStyle: {borderColor: screen ? '#0b1424' : '#fff', borderWidth: 1}}]
      },
      csv: [['服务项目', '条款', '流程数', '已完成', '进行中', '未执行', '其他流程承载', '超时']].concat(
        items.flatMap((i) => i.clauses.map((c) => [i.item, c.clause, i.instances, c.done, c.pending, c.notReached, c.elsewhere, c.late])))
    };
  }

  function measuresPanel(s, period) {
    const measures = s.measures;
    const unmet = measures.filter((m) => m.met === false).length;
    return {
      id: 'measures', title: '评价指标（附录 B）与目标',
      links: [['指标数据', '/api/evaluation/kpis?' + period]],
      figures: [['未达标', unmet, 'measures-unmet', unmet > 0], ['已计算', measures.filter((m) => m.value != null).length + ' / ' + measures.length, 'measures-computed']],
      option: {
        tooltip: {trigger: 'axis'}, legend: {top: 0},
        grid: {left: 150, right: 20, top: 25, bottom: 20},
        xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%'}},
        yAxis: {type: 'category', data: measures.map((m) => m.name), inverse: true, axisLabel: {fontSize: 11}},
        series: [
          {name: '实际', type: 'bar', data: measures.map((m) => ({value: m.value == null ? null : Math.round(m.value * 1000) / 10,
            itemStyle: {color: m.met === false ? '#c62828' : '#2e7d32'}}))},
          {name: '目标', type: 'scatter', symbol: 'rect', symbolSize: [3, 16], itemStyle: {color: '#1565c0'},
            data: measures.map((m) => m.target == null ? null : Math.round(m.target * 1000) / 10)}]
      },
      csv: [['指标', '实际', '目标', '计算基数', '达标']].concat(measures.map((m) =>
        [m.name, m.value == null ? '' : m.value, m.target == null ? '' : m.target, m.basis, m.met == null ? '' : (m.met ? '是' : '否')]))
    };
  }

  function dutiesPanel(s) {
    const duties = s.duties;
    const table = document.createElement('table');
    table.className = 'duties';
    table.innerHTML = '<thead><tr><th>周期性工作</th><th>完成</th><th>逾期</th><th>下次启动</th><th>状态</th></tr></thead>';
    const body = document.createElement('tbody');
    for (const d of duties) {
      const tr = document.createElement('tr');
      for (const value of [(d.item ? d.item + ' ' : '') + (d.processName || d.processKey), d.done, d.overdue,
        d.nextRun ? clock(d.nextRun, true) : '—', STATE_NAMES[d.state] || d.state]) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.appendChild(td);
      }
      tr.lastChild.className = d.state;
      body.appendChild(tr);
    }
    table.appendChild(body);
    const count = (state) => duties.filter((d) => d.state === state).length;
    return {
      id: 'duties', title: '周期性工作（季度/月度/年度）', table,
      links: [['流程记录', '/audit/?from=' + s.from + '&to=' + s.to]],
      figures: [['已逾期', count('OVERDUE'), 'duties-overdue', count('OVERDUE') > 0], ['即将到期', count('DUE_SOON'), 'duties-due-soon'],
        ['已完成', count('DONE'), 'duties-done']],
      csv: [['流程', '服务项目', '期间内完成', '进行中', '逾期任务', '7 天内到期任务', '下次启动', '状态']].concat(duties.map((d) =>
        [d.processName || d.processKey, d.item || '', d.done, d.running, d.overdue, d.dueSoon, d.nextRun || '', STATE_NAMES[d.state] || d.state]))
    };
  }

  function weekOption(weeks, first, second, firstColor, secondColor) {
    return {
      tooltip: {trigger: 'axis'}, legend: {top: 0},
      grid: {left: 40, right: 10, top: 30, bottom: 25},
      xAxis: {type: 'category', data: weeks.map((w) => w.week.substring(5))},
      yAxis: {type: 'value', minInterval: 1},
      series: [{name: first, type: 'bar', data: weeks.map((w) => w.opened), itemStyle: {color: firstColor}},
        {name: second, type: 'line', data: weeks.map((w) => w.closed), itemStyle: {color: secondColor}}]
    };
  }

  // ---- export -----------------------------------------------------------------------------------

  function png(panel) {
    const chart = charts[panel.id];
    if (chart) {
      download(chart.getDataURL({type: 'png', pixelRatio: 2, backgroundColor: screen ? '#102038' : '#fff'}),
        panel.title + '.png');
    }
  }

  function csv(panel) {
    const text = panel.csv.map((row) => row.map((cell) => {
      const value = cell == null ? '' : String(cell);
      return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
    }).join(',')).join('\r\n');
    // the byte order mark lets spreadsheet programs read the Chinese text as UTF-8
    download(URL.createObjectURL(new Blob(['\ufeff' + text], {type: 'text/csv;charset=utf-8'})), panel.title + '.csv');
  }

  function download(href, name) {
    const a = document.createElement('a');
    a.href = href;
    a.download = name.replace(/[\\/:*?"<>|]/g, '_');
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  function percent(rate) {
    return rate == null ? '—' : (Math.round(rate * 1000) / 10) + '%';
  }

  /** A time as the screen shows it, in the browser's zone: "12-02 15:04:05" (or "2026-12-02 15:04" with date). */
  function clock(value, withDate) {
    const d = new Date(value);
    const pad = (n) => String(n).padStart(2, '0');
    return withDate ? d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes())
      : pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  async function start(userId) {
    $('login').hidden = true;
    $('app').hidden = false;
    $('user').hidden = false;
    $('user-name').textContent = '当前用户：' + userId;
    for (const name of ['from', 'to', 'unit']) {
      $('f-' + name).value = query.get(name) || '';
    }
    try {
      const response = await fetch('/api/compliance/items', {credentials: 'same-origin'});
      const items = response.ok ? await response.json() : [];
      const select = $('f-item');
      select.replaceChildren(select.options[0]);
      for (const item of items) {
        select.add(new Option(item.item + ' ' + item.name, item.item));
      }
    } catch (e) {
      // the item list is a convenience; the figures load without it
    }
    $('f-item').value = query.get('item') || '';
    await load();
  }

  session.loginForm('数据看板', start);
  $('logout').addEventListener('click', logout);
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', pageUrl(filters(), screen));
    load();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((chart) => chart.resize()));

  session.currentUser().then((userId) => userId ? start(userId) : showLogin(), () => offline());
})();
