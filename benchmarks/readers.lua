-- 200 readers across articles (three languages), listings, home and search pages.
local paths = {
  "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/",
  "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/",
  -- The Arabic article at its Arabic address (the English slug under /ar/ is a redirect).
  "/ar/%D8%A7%D9%84%D8%A5%D8%B1%D8%B4%D8%A7%D8%AF%D8%A7%D8%AA/%D9%83%D9%8A%D9%81-%D8%AA%D8%AA%D8%B9%D8%A7%D9%81%D9%89-%D8%A8%D8%B9%D8%AF-%D8%B9%D9%84%D8%A7%D9%82%D8%A9-%D8%A7%D9%84%D8%B1%D8%A7%D8%A8%D8%B7%D8%A9-%D8%A7%D9%84%D8%B5%D8%A7%D8%AF%D9%85%D8%A9/",
  "/en-gb/",
  "/en-gb/guidance/",
  "/en-gb/search/?q=trauma+bond",
  "/es/search/?q=terapia",
  "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/",
}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
