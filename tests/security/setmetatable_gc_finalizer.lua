-- expect: error
-- message: setmetatable
-- __gc 终结器在钩子关闭的情况下运行：在终结器里做死循环。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  setmetatable({}, { __gc = function () while true do end end })
  return base()
end)
