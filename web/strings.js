// Every string the editor shows, in one place. The rest of the code never spells out UI text.
var Paiban = window.Paiban || {};
Paiban.TEXT = {
  appName: '排版',
  loading: '正在加载排版引擎……',
  loadFailed: '排版引擎加载失败，请刷新页面重试：',
  noWorker: '此浏览器不能启动后台排版（Web Worker），无法排版。',
  formatting: '正在排版……',
  formattingLong: function (s) {
    return '正在排版……（已用 ' + s + ' 秒）';
  },
  ready: function (applied, warnings, ms) {
    return '已排版：自动修改 ' + applied + ' 处，提示 ' + warnings + ' 条（' + ms + ' 毫秒）';
  },
  empty: '在左侧输入或粘贴稿件，右侧即显示排好的文章页。',
  failed: '无法排版：',
  crashed: '排版引擎出错，已重新加载。请再试一次。',
  errorsIn: {
    profile: '网站设置有误，点“网站设置”查看',
    fields: '请检查标出的字段',
    input: '稿件有问题'
  },
  previewPart: function (shown, total) {
    return '稿件很长：预览只显示前 ' + shown + ' 行（共 ' + total + ' 行）；复制和下载包含全文。';
  },
  lineCol: function (line, col) {
    return '第 ' + line + ' 行第 ' + col + ' 列';
  },
  more: function (n) {
    return '另有 ' + n + ' 条未列出（先处理上面的）';
  },
  // toolbar
  newDraft: '新建',
  importFile: '导入文件',
  copy: '复制正文',
  download: '下载网页',
  print: '打印',
  profile: '网站设置',
  drafts: '最近草稿',
  writeBack: '把修改写回稿件',
  copied: '已复制：粘贴到网站后台的编辑器即可（带格式）。',
  copiedPlain: '已复制（仅文字：浏览器不允许写入带格式的内容）。',
  copyFailed: '复制失败：浏览器不允许访问剪贴板。请用“下载网页”。',
  downloaded: function (name) {
    return '已下载：' + name;
  },
  nothingYet: '还没有排好的文章。',
  writtenBack: '已把全部修改写回稿件。',
  // fields
  fieldsHeading: '文章信息',
  title: '标题',
  titleHint: '留空则从稿件识别',
  column: '栏目',
  columnAuto: '（自动）',
  date: '发布时间',
  dateNow: '现在',
  views: '浏览量',
  viewsHint: '留空由网站填写',
  source: '来源',
  halfWidth: '半角标点发布',
  uses: {
    given: '填写的',
    detected: '稿件中识别的',
    default: '默认'
  },
  willUse: function (what, value) {
    return '将使用' + what + '：' + value;
  },
  dateDefault: function (value) {
    return '将使用当前时间：' + value;
  },
  // editor
  notes: '稿件',
  notesLabel: '稿件正文（纯文本，段落之间空一行）',
  notesPlaceholder: '在这里输入或粘贴稿件，或把 .txt / .md 文件拖到这里。',
  page: function (n, total, from, to) {
    return '第 ' + n + ' / ' + total + ' 段（第 ' + from + '–' + to + ' 行）';
  },
  prevPage: '上一段',
  nextPage: '下一段',
  bigDoc: '稿件很大，分段编辑：',
  dropHere: '松开鼠标导入文件',
  // import
  imported: function (name, encoding) {
    return '已导入“' + name + '”（' + encoding + ' 编码）';
  },
  importFailed: function (name) {
    return '无法导入“' + name + '”：不是文本文件，或编码无法识别。';
  },
  importWrongType: function (name) {
    return '只能导入 .txt 或 .md 文件：' + name;
  },
  encodingLabel: '编码：',
  // diagnostics
  diagnostics: '修改与提示',
  diagCount: function (n) {
    return '（' + n + '）';
  },
  nextDiag: '下一条',
  prevDiag: '上一条',
  accept: '接受',
  reject: '撤销',
  acceptAll: '全部接受',
  rejectAll: '全部撤销',
  applied: '已修改',
  rejected: '已撤销',
  warning: '提示',
  noDiagnostics: '没有需要修改的地方。',
  ruleCount: function (n) {
    return n + ' 处';
  },
  change: function (before, after) {
    return '“' + before + '” → “' + after + '”';
  },
  // drafts
  saved: function (time) {
    return '草稿已保存 ' + time;
  },
  saving: '正在保存草稿……',
  storageFull: '浏览器存储空间已满，草稿没有保存。请删除旧草稿，或先“下载网页”留底。',
  storageDenied: '浏览器不允许保存草稿（可能是隐私模式或设置禁止）。关闭页面前请先复制或下载。',
  restored: '已恢复上次的草稿。',
  draftsHeading: '最近草稿',
  draftsEmpty: '还没有草稿。',
  untitled: '（无标题）',
  openDraft: '打开',
  deleteDraft: '删除',
  current: '（当前）',
  chars: function (n) {
    return n + ' 字';
  },
  close: '关闭',
  // profile
  profileHeading: '网站设置（配置文件）',
  profileHelp: '网站的栏目、页脚和样式。修改后点“应用”；有错会在下面列出，点一条跳到出错的位置。',
  profileText: '配置文件（JSON）',
  apply: '应用',
  importProfile: '导入',
  exportProfile: '导出',
  resetProfile: '恢复默认',
  profileApplied: '网站设置已应用。',
  profileKept: '网站设置有误，未应用：仍使用原来的设置。请按下面列出的位置修改。',
  profileReset: '已恢复默认网站设置。',
  profileBadJson: function (line, col, msg) {
    return '第 ' + line + ' 行第 ' + col + ' 列：不是有效的 JSON（' + msg + '）';
  },
  profileCustom: '（已修改）',
  // shortcuts
  keys: '快捷键：Ctrl+Enter 立即排版，Ctrl+S 保存，Ctrl+Shift+C 复制正文，F8 / Shift+F8 下一条 / 上一条提示，Ctrl+O 导入',
  previewHeading: '预览',
  previewTitle: '文章页预览',
  previewEmpty: '预览会显示在这里。'
};
