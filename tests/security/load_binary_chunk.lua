-- expect: error
-- message: load
-- 手工构造的 Lua 5.4 二进制块（5.4.4 可被伪造字节码打崩），用 load 的 "b" 模式加载。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local bytes = "\27LuaT\0\25\147\r\n\26\n\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@\1\255\255\255"
  local fn = load(bytes, "=crafted", "b")
  return fn()
end)
