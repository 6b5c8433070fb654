-- Drives Neovim's built-in LSP client against `token-error-help lsp --stdio` (run by test/lsp/neovim.test.ts).
-- Written for Neovim 0.7 (Debian 12's): vim.lsp.start_client + buf_attach_client, as vim.lsp.start
-- (0.8+) does underneath. Reads TEH_NODE, TEH_CLI, TEH_FIXTURE, TEH_HOSTILE and TEH_OUT from the
-- environment and writes what the client saw to TEH_OUT as JSON, then quits.
local env = function(name) return (assert(os.getenv(name), name .. ' is not set')) end
local out_path = env('TEH_OUT')
local result = { steps = {}, published = {} }
local WAIT = 20000

local function step(name) table.insert(result.steps, name) end

--- The diagnostics Neovim holds for a buffer, with the text each one covers.
local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local text = nil
    if d.lnum == d.end_lnum then
      local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
      text = string.sub(line, d.col + 1, d.end_col)
    end
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
      text = text or vim.NIL,
    })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

--- Puts the cursor on the last occurrence of `needle` (plus `extra` bytes) in the current window.
local function cursor_on(bufnr, needle, extra)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i = #lines, 1, -1 do
    local col = string.find(lines[i], needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col - 1 + (extra or 0) })
      return i - 1, col - 1
    end
  end
  error('not found: ' .. needle)
end

local function run()
  local bufnr = vim.fn.bufadd(env('TEH_FIXTURE'))
  vim.fn.bufload(bufnr)
  vim.api.nvim_set_current_buf(bufnr)
  vim.bo[bufnr].filetype = 'http'
  local exit = {}
  local client_id = vim.lsp.start_client({
    name = 'token-error-help',
    cmd = { env('TEH_NODE'), env('TEH_CLI'), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(env('TEH_FIXTURE'), ':h'),
    on_exit = function(code, signal) exit.code = code; exit.signal = signal end,
    handlers = {
      -- Neovim's own handler, plus a record of what the server published (uri, version, count).
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        table.insert(result.published, { uri = params.uri, version = params.version or vim.NIL, count = #params.diagnostics })
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)
  step('attached')

  assert(vim.wait(WAIT, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics arrived')
  result.sync = client.server_capabilities.textDocumentSync
  result.offset_encoding = client.offset_encoding
  result.initial = diagnostics(bufnr)
  step('diagnostics')

  -- Hover: the cursor on the last invalid_grant, as K (vim.lsp.buf.hover) would ask.
  cursor_on(bufnr, 'invalid_grant', 3)
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(0, client.offset_encoding), WAIT)
  local answer = hover and hover[client_id] and hover[client_id].result
  assert(answer, 'no hover: ' .. vim.inspect(hover))
  result.hover = { kind = answer.contents.kind, value = answer.contents.value, range = answer.range }
  result.hover_lines = vim.lsp.util.convert_input_to_markdown_lines(answer.contents)
  step('hover')

  -- A quick fix, as vim.lsp.buf.code_action asks for it, applied with Neovim's own WorkspaceEdit code.
  local row = cursor_on(bufnr, 'GET {{as}}')
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, row) }
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, WAIT)
  result.actions = {}
  for _, action in ipairs(actions[client_id].result or {}) do
    table.insert(result.actions, action.title)
    if action.title == 'Change GET to POST' then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding) end
  end
  result.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1]
  step('code action')

  -- Typing: complete the grant_type typo; Neovim sends an incremental didChange.
  local typo_row, typo_col = cursor_on(bufnr, 'authorization_cod&')
  vim.api.nvim_buf_set_text(bufnr, typo_row, typo_col + #'authorization_cod', typo_row, typo_col + #'authorization_cod', { 'e' })
  assert(vim.wait(WAIT, function()
    return not has_code(bufnr, 'unknown-grant-type') and not has_code(bufnr, 'token-request-get')
  end, 20), 'the diagnostics did not follow the edits: ' .. vim.inspect(diagnostics(bufnr)))
  result.after_edits = diagnostics(bufnr)
  step('edits')

  -- The explain command, as the "Explain this response" code action runs it.
  local explain = client.request_sync('workspace/executeCommand', { command = 'tokenErrorHelp.explain', arguments = { vim.uri_from_bufnr(bufnr) } }, WAIT, bufnr)
  assert(explain and explain.result, 'no report: ' .. vim.inspect(explain))
  result.report = explain.result
  step('explain')

  -- The README's :TokenErrorExplain command: the report in a scratch Markdown buffer.
  vim.api.nvim_create_user_command('TokenErrorExplain', function()
    local params = { command = 'tokenErrorHelp.explain', arguments = { vim.uri_from_bufnr(0) } }
    vim.lsp.buf_request(0, 'workspace/executeCommand', params, function(err, report)
      if err then return vim.notify(err.message, vim.log.levels.ERROR) end
      vim.cmd('new')
      vim.bo.buftype, vim.bo.filetype = 'nofile', 'markdown'
      vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(report, '\n'))
    end)
  end, {})
  vim.cmd('TokenErrorExplain')
  assert(vim.wait(WAIT, function() return vim.bo.filetype == 'markdown' end, 20), 'no report buffer')
  result.report_buffer = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  vim.cmd('close')
  step('explain command')

  -- A second buffer with made-up secrets and terminal escapes.
  local hostile = vim.fn.bufadd(env('TEH_HOSTILE'))
  vim.fn.bufload(hostile)
  vim.api.nvim_set_current_buf(hostile)
  assert(vim.lsp.buf_attach_client(hostile, client_id), 'buf_attach_client failed for the hostile buffer')
  assert(vim.wait(WAIT, function() return #vim.diagnostic.get(hostile) > 0 end, 20), 'no diagnostics for the hostile buffer')
  result.hostile = diagnostics(hostile)
  local hovers = {}
  for _, needle in ipairs({ 'MadeUpRefresh', 'MadeUpClientSecret', 'invalid_token', 'WWW-Authenticate' }) do
    cursor_on(hostile, needle, 2)
    local r = vim.lsp.buf_request_sync(hostile, 'textDocument/hover', vim.lsp.util.make_position_params(0, client.offset_encoding), WAIT)
    local h = r and r[client_id] and r[client_id].result
    if h then table.insert(hovers, h.contents.value) end
  end
  result.hostile_hovers = hovers
  step('hostile')

  -- Unloading the buffer closes the document (didClose): the server publishes an empty list for it.
  local hostile_uri = vim.uri_from_bufnr(hostile)
  local before = #result.published
  vim.api.nvim_set_current_buf(bufnr)
  vim.cmd('bunload! ' .. hostile)
  assert(vim.wait(WAIT, function()
    for i = before + 1, #result.published do
      local p = result.published[i]
      if p.uri == hostile_uri and p.count == 0 then return true end
    end
    return false
  end, 20), 'no empty diagnostics after the buffer closed')
  result.closed_uri = hostile_uri
  step('closed')

  -- Stopping the client: shutdown and exit, and the server process ends.
  vim.lsp.stop_client(client_id)
  assert(vim.wait(WAIT, function() return exit.code ~= nil end, 20), 'the server did not exit')
  result.exit = exit
  step('stopped')
end

local ok, err = pcall(run)
result.ok = ok
result.error = ok and vim.NIL or tostring(err)
result.nvim = vim.version()
vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
vim.cmd('qall!')
