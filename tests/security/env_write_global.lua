-- expect: error
-- message: read-only
-- 用全局变量（写进文件环境 _ENV）记住上一个案件。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  last_case_region = case.region
  _ENV.counter = (_ENV.counter or 0) + 1
  return base()
end)
