-- expect: error
-- message: io
-- 把每个案件的结果追加到共享盘上的台账（io.open 追加模式）。
region { code = "510104", name = "锦江区" }
override "medical.assistance" (function (case, base)
  local r = base()
  local log = io.open("/tmp/dwp-ledger.txt", "a")
  log:write(case.region, " ", r.status, "\n")
  log:close()
  return r
end)
