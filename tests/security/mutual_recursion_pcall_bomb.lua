-- expect: limit
-- pcall 里递归两次：指数级的调用树，每一层的 C 栈溢出错误都被 pcall 吞掉。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local function bomb() pcall(bomb) pcall(bomb) end
  bomb()
  return base()
end)
