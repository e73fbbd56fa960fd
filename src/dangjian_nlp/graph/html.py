"""An interactive HTML view of the graphs that works offline: one file, everything inline.

The SVG is drawn here in Python (inline SVG needs no namespace URL in HTML5); a small inline
script adds hover highlighting, a details panel with each edge's statistics and supporting
passage ids, a minimum-count slider, a "significant only" switch, a search box, and zoom
and pan. No CDN, no external file, no URL of any kind.
"""

from __future__ import annotations

import html
import json
import logging
from typing import Any

import networkx as nx

from dangjian_nlp.graph.draw import TITLES, community_colour, labelled_nodes

LOGGER = logging.getLogger(__name__)

_WIDTH, _HEIGHT, _MARGIN = 1000, 720, 90

_CSS = """
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;color:#222;background:#fafafa}
header{padding:8px 14px;background:#8b1a1a;color:#fff}header h1{font-size:17px;margin:0 0 4px}
header .note{font-size:12px;opacity:.9}
nav button{margin-right:6px;padding:4px 10px;border:1px solid #fff;background:transparent;color:#fff;cursor:pointer}
nav button.on{background:#fff;color:#8b1a1a}
.view{display:none}.view.on{display:flex}
.canvas{flex:1;min-width:0}.canvas svg{width:100%;height:calc(100vh - 130px);background:#fff;cursor:grab}
aside{width:330px;padding:10px;font-size:13px;overflow:auto;height:calc(100vh - 130px);border-left:1px solid #ddd}
.controls{padding:6px 14px;font-size:13px;background:#eee}.controls label{margin-right:14px}
line.edge{stroke:#999;stroke-opacity:.45}line.edge.answers{stroke:#c0392b}
line.edge:hover,line.edge.hi{stroke:#000;stroke-opacity:.9}
g.node circle{stroke:#fff;stroke-width:1.5;cursor:pointer}g.node text{font-size:13px;pointer-events:none}
g.node.dim,line.edge.dim{opacity:.12}g.node.hit circle{stroke:#000;stroke-width:3}
.hidden{display:none}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #eee;padding:2px 4px;vertical-align:top}
td.k{color:#666;white-space:nowrap}.ids{font-family:monospace;font-size:11px;word-break:break-all}
"""

_JS = r"""
(function(){
  function qs(s,r){return (r||document).querySelector(s)}
  function qsa(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s))}
  function fmt(v){if(v===null||v===undefined)return '–';if(Array.isArray(v))return '<span class="ids">'+v.map(esc).join(' ')+'</span>';
    if(typeof v==='number'&&!Number.isInteger(v))return v.toPrecision(4);return esc(String(v))}
  function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]})}
  function table(obj,keys){return '<table>'+keys.filter(function(k){return k in obj}).map(function(k){
    return '<tr><td class="k">'+esc(k)+'</td><td>'+fmt(obj[k])+'</td></tr>'}).join('')+'</table>'}
  var NODE_KEYS=['id','label','kind','units','documents','passages','community','community_stability','stability',
    'degree','weighted_degree','betweenness','document_ids','passage_ids'];
  var EDGE_KEYS=['source','target','count','documents','passages','jaccard','npmi','association','p_value','q_value',
    'support','answers','document_ids','passage_ids'];
  qsa('nav button').forEach(function(b){b.addEventListener('click',function(){
    qsa('nav button').forEach(function(x){x.classList.toggle('on',x===b)});
    qsa('.view').forEach(function(v){v.classList.toggle('on',v.id==='view-'+b.dataset.view)});});});
  qsa('.view').forEach(function(view){
    var data=JSON.parse(qs('script.graph-data',view).textContent);
    var svg=qs('svg',view), panel=qs('aside',view), slider=qs('input.mincount',view), sig=qs('input.sig',view),
        search=qs('input.search',view), shown=qs('span.mincount-value',view);
    var nodes={};data.nodes.forEach(function(n){nodes[n.id]=n});
    var edgeEls=qsa('line.edge',svg), nodeEls=qsa('g.node',svg);
    function visible(e){var d=data.links[+e.dataset.i];return d.count>=+slider.value&&(!sig.checked||d.q_value<=0.05)}
    function refresh(){shown.textContent=slider.value;edgeEls.forEach(function(e){e.classList.toggle('hidden',!visible(e))})}
    slider.addEventListener('input',refresh);sig.addEventListener('change',refresh);refresh();
    function clear(){nodeEls.concat(edgeEls).forEach(function(x){x.classList.remove('dim','hi','hit')})}
    function focus(id){clear();var near={};near[id]=1;edgeEls.forEach(function(e){var d=data.links[+e.dataset.i];
      var on=visible(e)&&(d.source===id||d.target===id);e.classList.toggle('hi',on);e.classList.toggle('dim',!on);
      if(on){near[d.source]=1;near[d.target]=1}});nodeEls.forEach(function(g){g.classList.toggle('dim',!near[g.dataset.id])});}
    nodeEls.forEach(function(g){g.addEventListener('mouseenter',function(){focus(g.dataset.id)});
      g.addEventListener('mouseleave',clear);
      g.addEventListener('click',function(){var n=nodes[g.dataset.id];var rows=data.links.filter(function(d){
          return d.source===n.id||d.target===n.id}).sort(function(a,b){return b.count-a.count||(a.p_value-b.p_value)});
        panel.innerHTML='<h3>'+esc(n.label)+'</h3>'+table(n,NODE_KEYS)+'<h4>边 ('+rows.length+')</h4><table>'+
          rows.map(function(d){var o=d.source===n.id?d.target:d.source;return '<tr><td>'+esc(nodes[o].label)+
          '</td><td>n='+d.count+'</td><td>NPMI '+fmt(d.npmi)+'</td><td>p '+fmt(d.p_value)+'</td></tr>'}).join('')+'</table>';});});
    edgeEls.forEach(function(e){e.addEventListener('click',function(){var d=data.links[+e.dataset.i];
      panel.innerHTML='<h3>'+esc(nodes[d.source].label)+' — '+esc(nodes[d.target].label)+'</h3>'+table(d,EDGE_KEYS);});});
    search.addEventListener('input',function(){var q=search.value.trim();nodeEls.forEach(function(g){var n=nodes[g.dataset.id];
      g.classList.toggle('hit',q!==''&&(n.label.indexOf(q)>=0||n.id.indexOf(q)>=0))})});
    var vb=svg.getAttribute('viewBox').split(' ').map(Number),drag=null;
    function setvb(){svg.setAttribute('viewBox',vb.join(' '))}
    svg.addEventListener('wheel',function(ev){ev.preventDefault();var r=svg.getBoundingClientRect(),f=ev.deltaY>0?1.15:1/1.15;
      var mx=vb[0]+(ev.clientX-r.left)/r.width*vb[2],my=vb[1]+(ev.clientY-r.top)/r.height*vb[3];
      vb=[mx-(mx-vb[0])*f,my-(my-vb[1])*f,vb[2]*f,vb[3]*f];setvb()},{passive:false});
    svg.addEventListener('mousedown',function(ev){drag=[ev.clientX,ev.clientY]});
    window.addEventListener('mouseup',function(){drag=null});
    svg.addEventListener('mousemove',function(ev){if(!drag)return;var r=svg.getBoundingClientRect();
      vb[0]-=(ev.clientX-drag[0])/r.width*vb[2];vb[1]-=(ev.clientY-drag[1])/r.height*vb[3];drag=[ev.clientX,ev.clientY];setvb()});
  });
})();
"""


def _scale(value: float, size: int) -> float:
    return round(_MARGIN + (value + 1.0) / 2.0 * (size - 2 * _MARGIN), 2)


def _graph_data(graph: nx.Graph) -> dict[str, Any]:
    data = nx.node_link_data(graph, edges="links")
    data["graph"] = dict(sorted(graph.graph.items()))
    return data


def _svg(graph: nx.Graph, data: dict[str, Any], *, max_labels: int) -> str:
    parts = [f'<svg viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img">']
    pos = {n: (_scale(d["x"], _WIDTH), _scale(-d["y"], _HEIGHT)) for n, d in graph.nodes(data=True)}
    max_count = max((d["count"] for d in data["links"]), default=1)
    for index, link in enumerate(data["links"]):
        (x1, y1), (x2, y2) = pos[link["source"]], pos[link["target"]]
        width = round(0.6 + 4.5 * link["count"] / max_count, 2)
        klass = "edge answers" if link.get("answers") else "edge"
        parts.append(f'<line class="{klass}" data-i="{index}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
                     f'stroke-width="{width}"><title>{html.escape(str(link["source"]))} — '
                     f'{html.escape(str(link["target"]))}: {link["count"]}</title></line>')
    max_units = max((d.get("units", 1) for _, d in graph.nodes(data=True)), default=1)
    labelled = set(labelled_nodes(graph, max_labels))
    bipartite = any(kind == "problem" for _, kind in graph.nodes(data="kind"))
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        x, y = pos[node]
        radius = round(5 + 14 * (attrs.get("units", 1) / max_units) ** 0.5, 2)
        label = html.escape(str(attrs.get("label", node)))
        if bipartite:
            left = attrs.get("kind") == "problem"
            anchor, dx, dy = ("end", -radius - 4, 4) if left else ("start", radius + 4, 4)
        else:
            anchor, dx, dy = "middle", 0, -radius - 4
        text = (f'<text x="{round(x + dx, 2)}" y="{round(y + dy, 2)}" text-anchor="{anchor}">{label}</text>'
                if node in labelled else "")
        parts.append(f'<g class="node" data-id="{html.escape(node)}"><circle cx="{x}" cy="{y}" r="{radius}" '
                     f'fill="{community_colour(attrs.get("community"))}"><title>{label}</title></circle>{text}</g>')
    parts.append("</svg>")
    return "".join(parts)


def _json_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("</", "<\\/")


def render_html(graphs: list[tuple[str, nx.Graph]], *, title: str = "党建对策网络", max_labels: int = 60) -> str:
    """The interactive page for ``(name, graph)`` pairs, as one self-contained HTML string."""
    buttons, views = [], []
    for index, (name, graph) in enumerate(graphs):
        data = _graph_data(graph)
        on = " on" if index == 0 else ""
        max_count = max((d["count"] for d in data["links"]), default=1)
        info = graph.graph
        buttons.append(f'<button class="{on.strip()}" data-view="{name}">{html.escape(TITLES.get(name, name))}</button>')
        views.append(
            f'<section class="view{on}" id="view-{name}"><div class="canvas">'
            f'<div class="controls"><label>最小共现次数 <input class="mincount" type="range" min="1" '
            f'max="{max_count}" value="1"> <span class="mincount-value">1</span></label>'
            f'<label><input class="sig" type="checkbox"> 仅显著 (q ≤ 0.05)</label>'
            f'<label>查找 <input class="search" type="search"></label>'
            f'<span>单元 {info.get("units", 0)} · 节点 {graph.number_of_nodes()} · 边 {graph.number_of_edges()} · '
            f'模块度 {info.get("modularity", 0):.3f}</span></div>'
            f'{_svg(graph, data, max_labels=max_labels)}</div>'
            f'<aside><p>悬停查看相邻节点；点击节点或边查看统计量（计数、Jaccard、NPMI、关联强度、Fisher p 值、'
            f'自助法支持度）及支持段落与文档编号。滚轮缩放，拖动平移。</p></aside>'
            f'<script type="application/json" class="graph-data">{_json_script(data)}</script></section>')
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{html.escape(title)}</h1><nav>{''.join(buttons)}</nav>"
            "<div class=\"note\">节点颜色 = Louvain 社区；节点大小 = 出现单元数；边宽 = 共现次数；红色边 = 代码本所列的对应关系。</div>"
            f"</header>{''.join(views)}<script>{_JS}</script></body></html>\n")
