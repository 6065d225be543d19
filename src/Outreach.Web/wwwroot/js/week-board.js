// The chief's week board (/staff/board; Features/WeekBoard). Three jobs, each optional on the page:
// 1. the map: Leaflet without any tile server, its layers from the app (data-layers: the unit's outline, roads and
//    sites, the chosen day's routes, the week's floods and closures as one GeoJSON FeatureCollection);
// 2. drawing: a tap on the map places a point of the flood polygon, closed road line or bridge point chosen in the
//    form below it; the shape goes into the form's hidden field as GeoJSON and the form posts as usual;
// 3. live refresh: every few seconds the week's plan versions are asked for (data-version-url, a short stamp); when
//    they changed (a background re-plan saved a version, someone published) the page is fetched again and its live
//    section swapped in, without a reload, and the map's routes are read again.
// An external file, as the site's Content-Security-Policy allows no inline script; Leaflet styles its elements through
// the DOM (allowed) and the board uses circle markers, so no marker images are needed.
(function () {
  'use strict';

  var mapElement = document.getElementById('board-map');
  var live = document.getElementById('board-live');
  var board = { map: null, data: null, fitted: false };

  var colours = {
    outline: '#555555', major: '#8d8272', minor: '#b0a89a', path: '#cfc8bb', site: '#1565c0',
    collection: '#0d2f5e', van: '#0277bd', team: '#6a1b9a', hazard: '#d32f2f', drawing: '#ff6f00'
  };

  function styleOf(feature) {
    var p = feature.properties || {};
    switch (p.layer) {
      case 'outline': return { color: colours.outline, weight: 2, dashArray: '6 4', fill: false, interactive: false };
      case 'road': return { color: colours[p['class']] || colours.minor, weight: p['class'] === 'major' ? 3 : 1.5, interactive: false };
      case 'route': return { color: p.resource === 'team' ? colours.team : colours.van, weight: 4, opacity: 0.85 };
      case 'hazard': return {
        color: colours.hazard, weight: p.type === 'road' ? 6 : 2, opacity: p.today ? 1 : 0.55,
        dashArray: p.today ? null : '4 4', fillOpacity: p.today ? 0.3 : 0.12
      };
      default: return {};
    }
  }

  function pointOf(feature, latlng) {
    var p = feature.properties || {};
    if (p.layer === 'hazard') {
      return L.circleMarker(latlng, { radius: 9, color: colours.hazard, weight: 3, fillOpacity: p.today ? 0.6 : 0.25 });
    }
    if (p.layer === 'collection') {
      return L.circleMarker(latlng, { radius: 8, color: '#ffffff', weight: 2, fillColor: colours.collection, fillOpacity: 1 });
    }
    return L.circleMarker(latlng, { radius: 5, color: '#ffffff', weight: 1, fillColor: colours.site, fillOpacity: 0.9 });
  }

  function tooltipOf(feature) {
    var p = feature.properties || {};
    if (p.layer === 'route') {
      return p.name + ' · ' + p.trip + ' · ' + p.departure + '–' + p['return'];
    }
    return p.name || null;
  }

  function showLayers(geojson) {
    if (board.data) {
      board.map.removeLayer(board.data);
    }
    board.data = L.geoJSON(geojson, {
      style: styleOf,
      pointToLayer: pointOf,
      onEachFeature: function (feature, layer) {
        var text = tooltipOf(feature);
        if (text) {
          layer.bindTooltip(text);
        }
        if (feature.id) {
          // The drawn element names its feature (e.g. site-12), so a site can be found on the map.
          layer.on('add', function () {
            var element = layer.getElement && layer.getElement();
            if (element) {
              element.setAttribute('data-feature', feature.id);
            }
          });
        }
      }
    }).addTo(board.map);
    if (drawing.layer) {
      drawing.layer.bringToFront();
    }
    if (!board.fitted) {
      var outline = board.data.getLayers().filter(function (l) { return l.feature && l.feature.properties.layer === 'outline'; });
      var bounds = outline.length ? L.featureGroup(outline).getBounds() : board.data.getBounds();
      if (bounds.isValid()) {
        board.map.fitBounds(bounds, { padding: [8, 8] });
        board.fitted = true;
      }
    }
    if (geojson.attribution) {
      board.map.attributionControl.addAttribution(geojson.attribution);
    }
  }

  function loadLayers() {
    return fetch(mapElement.getAttribute('data-layers'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (geojson) {
        if (geojson) {
          showLayers(geojson);
          mapElement.setAttribute('data-loaded', 'true');
        }
      });
  }

  // Drawing: the points placed so far ([lat, lng]) of the kind chosen in the form.
  var drawing = { points: [], layer: null, form: null, input: null, status: null };

  function chosenKind() {
    var checked = drawing.form.querySelector('input[name="HazardType"]:checked');
    return checked ? checked.value : 'flood';
  }

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function geometry() {
    var positions = drawing.points.map(function (p) { return [round(p[1]), round(p[0])]; });
    if (positions.length === 0) {
      return '';
    }
    switch (chosenKind()) {
      case 'bridge': return JSON.stringify({ type: 'Point', coordinates: positions[0] });
      case 'road': return JSON.stringify({ type: 'LineString', coordinates: positions });
      default: return JSON.stringify({ type: 'Polygon', coordinates: [positions.concat([positions[0]])] });
    }
  }

  function redraw() {
    if (drawing.layer) {
      board.map.removeLayer(drawing.layer);
    }
    var group = L.featureGroup();
    var kind = chosenKind();
    if (drawing.points.length >= 3 && kind === 'flood') {
      L.polygon(drawing.points, { color: colours.drawing, weight: 3, fillOpacity: 0.25, interactive: false }).addTo(group);
    } else if (drawing.points.length >= 2) {
      L.polyline(drawing.points, { color: colours.drawing, weight: 4, interactive: false }).addTo(group);
    }
    drawing.points.forEach(function (p) {
      L.circleMarker(p, { radius: 6, color: colours.drawing, weight: 2, fillColor: '#ffffff', fillOpacity: 1, className: 'board-vertex', interactive: false }).addTo(group);
    });
    drawing.layer = group.addTo(board.map);
    drawing.input.value = geometry();
    drawing.status.textContent = drawing.points.length === 0
      ? drawing.status.getAttribute('data-empty')
      : drawing.status.getAttribute('data-points').replace('{0}', String(drawing.points.length));
    drawing.status.setAttribute('data-count', String(drawing.points.length));
  }

  function restore(value) {
    try {
      var g = JSON.parse(value);
      var positions = g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0].slice(0, -1) : [];
      drawing.points = positions.map(function (c) { return [c[1], c[0]]; });
    } catch (e) {
      drawing.points = [];
    }
  }

  function startDrawing() {
    drawing.form = document.getElementById('hazard-form');
    drawing.input = document.getElementById('hazard-geometry');
    drawing.status = document.getElementById('draw-status');
    if (!drawing.form || !drawing.input || !drawing.status || mapElement.getAttribute('data-drawing') !== 'on') {
      return;
    }
    document.getElementById('draw-tools').hidden = false;
    if (drawing.input.value) {
      restore(drawing.input.value);
    }
    board.map.on('click', function (e) {
      var point = [e.latlng.lat, e.latlng.lng];
      if (chosenKind() === 'bridge') {
        drawing.points = [point];
      } else {
        drawing.points.push(point);
      }
      redraw();
    });
    document.getElementById('draw-undo').addEventListener('click', function () {
      drawing.points.pop();
      redraw();
    });
    document.getElementById('draw-clear').addEventListener('click', function () {
      drawing.points = [];
      redraw();
    });
    Array.prototype.forEach.call(drawing.form.querySelectorAll('input[name="HazardType"]'), function (radio) {
      radio.addEventListener('change', function () {
        drawing.points = [];
        redraw();
      });
    });
    redraw();
  }

  function startMap() {
    if (!mapElement || typeof L === 'undefined') {
      return;
    }
    board.map = L.map(mapElement, { doubleClickZoom: false, zoomSnap: 0.25 });
    board.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    board.map.setView([16, 106], 6);
    var noScript = document.querySelector('.board-map-nojs');
    if (noScript) {
      noScript.classList.add('hidden');
    }
    startDrawing();
    loadLayers();
  }

  // Live refresh.
  function refresh(stamp) {
    var url = window.location.pathname + window.location.search;
    return fetch(url, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('board-live');
        if (!fresh) {
          return;
        }
        live.innerHTML = fresh.innerHTML;
        live.setAttribute('data-stamp', fresh.getAttribute('data-stamp') || stamp);
        live.setAttribute('data-refreshed', String(Date.now()));
        var said = document.getElementById('board-refreshed');
        if (said) {
          var now = new Date();
          var time = ('0' + now.getHours()).slice(-2) + ':' + ('0' + now.getMinutes()).slice(-2);
          said.textContent = (said.getAttribute('data-text') || '').replace('{0}', time);
        }
        if (board.map) {
          loadLayers();
        }
      });
  }

  function poll() {
    if (document.hidden) {
      return Promise.resolve();
    }
    return fetch(live.getAttribute('data-version-url'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        var type = response.headers.get('content-type') || '';
        return response.ok && type.indexOf('json') >= 0 ? response.json() : null;
      })
      .then(function (answer) {
        if (answer && typeof answer.stamp === 'string' && answer.stamp !== live.getAttribute('data-stamp')) {
          return refresh(answer.stamp);
        }
        return null;
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  function startLiveRefresh() {
    if (!live || !live.getAttribute('data-version-url')) {
      return;
    }
    var interval = parseInt(live.getAttribute('data-interval') || '4000', 10);
    var busy = false;
    window.setInterval(function () {
      if (busy) {
        return;
      }
      busy = true;
      poll().then(function () { busy = false; }, function () { busy = false; });
    }, interval);
  }

  startMap();
  startLiveRefresh();
})();
