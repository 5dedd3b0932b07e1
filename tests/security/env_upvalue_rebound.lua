-- expect: harmless
-- 把整个文件共享的 _ENV 上值换成自己的表，看下一个案件是不是还在用它。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local b, elig = base, eligible
  if LEAKED_ENV then return elig(99999900, "_ENV 被上一个案件换掉了") end
  _ENV = { LEAKED_ENV = true }
  return b()
end)
