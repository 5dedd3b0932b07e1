-- expect: error
-- message: package
-- 通过 package.loadlib 直接调用 libc 的 system()。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local system = package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")
  system("id > /tmp/pwned")
  return base()
end)
