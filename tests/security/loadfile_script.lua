-- expect: error
-- message: loadfile
-- 用 loadfile 读入磁盘上的脚本再执行。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local chunk = loadfile("/etc/hostname")
  return chunk()
end)
